package dev.latchkey.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses, while a request body is read, every string PostgreSQL cannot store ({@link StorableText}): each
 * {@code String} value (record fields, list elements, map values), each {@code String} map key, and every string and
 * key at any depth of an untyped value ({@code Map<String, Object>} metadata). The failure carries the JSON path.
 */
public class StorableTextModule extends SimpleModule {

    public StorableTextModule() {
        super("latchkey-storable-text");
        addKeyDeserializer(String.class, new StorableKey());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class) {
                    return new StorableString(deserializer);
                }
                if (type == Object.class) {
                    return new StorableUntyped(deserializer);
                }
                return deserializer;
            }
        });
    }

    /** Map keys: the failure names the key itself (printable) below the map. */
    static final class StorableKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (StorableText.storable(key)) {
                return key;
            }
            UnstorableTextException e = new UnstorableTextException(context.getParser());
            e.prependPath(new JsonMappingException.Reference(null, StorableText.printable(key)));
            throw e;
        }
    }

    /** String values, wherever a {@code String} is expected. */
    static final class StorableString extends DelegatingDeserializer {

        StorableString(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StorableString(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof String text && !StorableText.storable(text)) {
                throw new UnstorableTextException(parser);
            }
            return value;
        }
    }

    /**
     * Untyped values ({@code Object}, the values of metadata maps): read as a tree, checked with the path of the
     * offending key or string, then bound by the standard deserializer.
     */
    static final class StorableUntyped extends DelegatingDeserializer {

        StorableUntyped(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StorableUntyped(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            Deque<JsonMappingException.Reference> path = new ArrayDeque<>();
            if (!check(tree, path)) {
                UnstorableTextException e = new UnstorableTextException(parser);
                for (Iterator<JsonMappingException.Reference> it = path.descendingIterator(); it.hasNext(); ) {
                    e.prependPath(it.next());
                }
                throw e;
            }
            try (JsonParser tokens = tree.traverse(parser.getCodec())) {
                tokens.nextToken();
                return super.deserialize(tokens, context);
            }
        }

        /** @return false when a key or string below {@code node} cannot be stored; {@code path} then leads to it */
        private static boolean check(JsonNode node, Deque<JsonMappingException.Reference> path) {
            if (node.isTextual()) {
                return StorableText.storable(node.textValue());
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(new JsonMappingException.Reference(null, i));
                    if (!check(node.get(i), path)) {
                        return false;
                    }
                    path.removeLast();
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    path.addLast(new JsonMappingException.Reference(null, StorableText.printable(field.getKey())));
                    if (!StorableText.storable(field.getKey()) || !check(field.getValue(), path)) {
                        return false;
                    }
                    path.removeLast();
                }
            }
            return true;
        }
    }
}
