package dev.latchkey.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Walks a service's committed OpenAPI contract ({@code docs/api/<service>.openapi.yaml}) and sends, for every
 * operation, each hostile value a tester would try in every string field of the request body (at any depth,
 * map keys too), every string path and query parameter and every form field: a string with U+0000, a lone UTF-16
 * surrogate (the JSON escape {@code \ud800}, or its UTF-8 bytes in a URL), a 1 MiB string, and a 10,000-item
 * array in every array field. Every answer must be below 500; every 4xx must be problem+json (RFC 6749 JSON on the
 * OAuth paths); and U+0000 and lone surrogates in a body or form, and U+0000 in a URL, must be refused (4xx), since
 * PostgreSQL cannot store them (ADR 0011).
 */
public final class HostileInput {

    /** The hostile values of a string. */
    enum Attack {
        NUL("a\\u0000b", "a%00b", true, true),
        LONE_SURROGATE("a\\ud800b", "a%ED%A0%80b", true, false),
        /** Long, yet within the HTTP request line (quarkus.http.limits.max-initial-line-length, 4096). */
        LONG(null, "x".repeat(3000), false, false),
        HUGE("x".repeat(1 << 20), "x".repeat(1 << 20), false, false);

        /** The JSON string's content (escapes and all); null when only sent in URLs. */
        final String json;
        final String url;
        final boolean bodyMustBeRefused;
        /** Whether the URL form must be refused: a lone surrogate's bytes are not UTF-8 and may decode to U+FFFD. */
        final boolean urlMustBeRefused;

        Attack(String json, String url, boolean bodyMustBeRefused, boolean urlMustBeRefused) {
            this.json = json;
            this.url = url;
            this.bodyMustBeRefused = bodyMustBeRefused;
            this.urlMustBeRefused = urlMustBeRefused;
        }

        /**
         * A request line of 1 MiB is refused by the HTTP layer itself (longer than
         * quarkus.http.limits.max-initial-line-length), before routing: a bare 414 or a closed connection is the
         * expected answer there, and it is sent once per walk, not once per parameter.
         */
        boolean transportMayRefuse() {
            return this == HUGE;
        }
    }

    static final int ARRAY_ITEMS = 10_000;
    /** Accept headers no media-range grammar allows, and a few it allows only barely. */
    static final List<String> HOSTILE_ACCEPT = List.of(";;;", ";", ",", ",,", "/", "a/b/c", ";q=1", "*/*;q=",
            "application/json;;", "application/problem+json;q", "application/problem+json;;;", "text/*;q=2, ;");
    /** Content types no media-type grammar allows, sent with the operation's usual body. */
    static final List<String> HOSTILE_CONTENT_TYPE = List.of(";;;", "/", "a/b/c;;;=", "application/json;charset",
            "application/x-www-form-urlencoded;;", "application/json; =x", "*/*");
    private static final String PLACEHOLDER = "__latchkey_hostile__";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode contract;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> forms = new LinkedHashMap<>();
    private final List<String> oauthPrefixes = new ArrayList<>();
    private Supplier<RequestSpecification> caller = RestAssured::given;
    private final Map<String, Supplier<RequestSpecification>> callersByPath = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private String current;
    private boolean hugeUrlSent;

    private HostileInput(JsonNode contract) {
        this.contract = contract;
    }

    /** The committed contract of {@code service}, as the module's tests see it ({@code ../docs/api}). */
    public static HostileInput contract(String service) {
        Path file = Path.of("..", "docs", "api", service + ".openapi.yaml");
        try {
            return new HostileInput(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Who sends the requests: the most powerful caller the service knows, so they get past authentication. */
    public HostileInput as(Supplier<RequestSpecification> caller) {
        this.caller = caller;
        return this;
    }

    /** Who sends the requests to the operations below {@code pathTemplate} (the longest such prefix wins). */
    public HostileInput as(String pathTemplate, Supplier<RequestSpecification> caller) {
        callersByPath.put(pathTemplate, caller);
        return this;
    }

    /** The value of a path parameter while another input is attacked (an existing tenant, role, token...). */
    public HostileInput pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The fields of a form operation (the contract cannot name them) with valid-looking values. */
    public HostileInput form(String path, Map<String, String> fields) {
        forms.put(path, new LinkedHashMap<>(fields));
        return this;
    }

    /** Paths below this prefix answer RFC 6749 errors, not problem+json. */
    public HostileInput oauth(String prefix) {
        oauthPrefixes.add(prefix);
        return this;
    }

    /** Sends everything; returns what went wrong, one line per request (empty when all is well). */
    public List<String> walk() {
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operation(op.getKey().toUpperCase(), path.getKey(), op.getValue());
            }
        }
        if (requests == 0) {
            failures.add("no request was sent: the contract has no string inputs?");
        }
        return failures;
    }

    /** How many requests {@link #walk()} sent. */
    public int requests() {
        return requests;
    }

    private void operation(String method, String path, JsonNode op) {
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(parameters::add);
        JsonNode content = op.path("requestBody").path("content");
        JsonNode jsonSchema = content.has("application/json") ? resolve(content.path("application/json").path("schema")) : null;
        boolean form = content.has("application/x-www-form-urlencoded");
        String baseBody = jsonSchema == null ? null : write(sample(jsonSchema));
        Map<String, String> baseForm = forms.getOrDefault(path, Map.of("x", "y"));

        for (JsonNode parameter : parameters) {
            String in = parameter.path("in").asText();
            if (!"string".equals(resolve(parameter.path("schema")).path("type").asText())
                    || !(in.equals("path") || in.equals("query"))) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (Attack attack : Attack.values()) {
                if (attack.transportMayRefuse() && hugeUrlSent) {
                    continue; // the HTTP layer refuses it before routing: once per walk shows it is not a 5xx
                }
                hugeUrlSent |= attack.transportMayRefuse();
                String url = url(path, in.equals("path") ? name : null, attack.url);
                if (in.equals("query")) {
                    url += "?" + name + "=" + attack.url;
                }
                String what = method + " " + path + " " + in + " " + name + "=" + attack;
                current = path;
                if (form) {
                    send(what, method, url, FORM, formBody(baseForm, null, null), attack.urlMustBeRefused,
                            attack.transportMayRefuse());
                } else {
                    send(what, method, url, baseBody == null ? null : JSON_TYPE, baseBody, attack.urlMustBeRefused,
                            attack.transportMayRefuse());
                }
            }
        }
        String url = url(path, null, null);
        current = path;
        // Malformed headers, where they cannot change what the other tests see: reads as they are, forms (the OAuth
        // endpoints keep nothing of these), and other writes only on an item that does not exist, with an empty body.
        boolean pathParameter = path.contains("{");
        String nowhere = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        boolean read = method.equals("GET");
        if (read || form || pathParameter) {
            for (String accept : HOSTILE_ACCEPT) {
                String body = form ? formBody(baseForm, null, null) : read || jsonSchema == null ? null : "{}";
                send(method + " " + path + " Accept: " + accept, method, read || form ? url : nowhere,
                        form ? FORM : body == null ? null : JSON_TYPE, body, false, false, accept);
            }
        }
        if (form || (jsonSchema != null && pathParameter)) {
            for (String type : HOSTILE_CONTENT_TYPE) {
                send(method + " " + path + " Content-Type: " + type, method, form ? url : nowhere, type,
                        form ? formBody(baseForm, null, null) : "{}", false, false, null);
            }
        }
        if (jsonSchema != null) {
            List<Location> locations = new ArrayList<>();
            locations(jsonSchema, new ArrayList<>(), locations, 0);
            for (Location location : locations) {
                String what = method + " " + path + " body " + location.describe();
                if (location.array) {
                    ObjectNode body = sample(jsonSchema);
                    ArrayNode many = NODES.arrayNode();
                    JsonNode item = sampleValue(resolve(location.schema.path("items")), 0);
                    // oversized: 10,000 items, or one more than the contract allows where it allows that many
                    int items = Math.max(ARRAY_ITEMS, location.schema.path("maxItems").asInt(0) + 1);
                    for (int i = 0; i < items; i++) {
                        many.add(item);
                    }
                    set(body, location.steps, many);
                    send(what + " x" + items, method, url, JSON_TYPE, write(body), false, false);
                    continue;
                }
                for (Attack attack : Attack.values()) {
                    if (attack.json == null) {
                        continue;
                    }
                    ObjectNode body = sample(jsonSchema);
                    set(body, location.steps, NODES.textNode(PLACEHOLDER));
                    String text = write(body).replace(quoted(PLACEHOLDER), "\"" + attack.json + "\"");
                    send(what + "=" + attack, method, url, JSON_TYPE, text, attack.bodyMustBeRefused, false);
                }
            }
        }
        if (form) {
            for (String field : baseForm.keySet()) {
                for (Attack attack : Attack.values()) {
                    send(method + " " + path + " form " + field + "=" + attack, method, url, FORM,
                            formBody(baseForm, field, attack.url), attack.urlMustBeRefused, false);
                }
            }
            send(method + " " + path + " form field name=NUL", method, url, FORM,
                    formBody(baseForm, null, null) + "&a%00b=c", true, false);
            String first = baseForm.keySet().iterator().next();
            String repeated = ("&" + first + "=x").repeat(ARRAY_ITEMS);
            send(method + " " + path + " form " + first + " x" + ARRAY_ITEMS, method, url, FORM,
                    formBody(baseForm, null, null) + repeated, false, false);
        }
    }

    private static final String JSON_TYPE = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private void send(String what, String method, String url, String contentType, String body, boolean mustRefuse,
            boolean transportMayRefuse) {
        send(what, method, url, contentType, body, mustRefuse, transportMayRefuse, null);
    }

    private void send(String what, String method, String url, String contentType, String body, boolean mustRefuse,
            boolean transportMayRefuse, String accept) {
        requests++;
        RequestSpecification request = callerFor(current).get().urlEncodingEnabled(false);
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body != null) {
            // every body is ASCII (hostile characters are escaped); RestAssured encodes a form only from a String
            request.contentType(contentType);
            if (contentType.startsWith(FORM)) {
                request.body(body);
            } else {
                request.body(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        Response response;
        try {
            response = request.request(method, url);
        } catch (Exception e) {
            if (!transportMayRefuse) {
                failures.add(what + " -> " + e);
            }
            return;
        }
        int status = response.statusCode();
        if (transportMayRefuse && status == 414) {
            return;
        }
        String type = response.contentType() == null ? "" : response.contentType();
        boolean oauth = oauthPrefixes.stream().anyMatch(url::startsWith);
        if (status >= 500) {
            failures.add(what + " -> " + status + " " + abbreviate(response.asString()));
        } else if (status >= 400 && !oauth && !type.startsWith("application/problem+json")) {
            failures.add(what + " -> " + status + " with Content-Type '" + type + "', not problem+json");
        } else if (status >= 400 && oauth && !(type.startsWith("application/json") && response.asString().contains("\"error\""))) {
            failures.add(what + " -> " + status + " with Content-Type '" + type + "', not an RFC 6749 error");
        } else if (status < 400 && mustRefuse) {
            failures.add(what + " -> " + status + ": accepted text PostgreSQL cannot store");
        }
    }

    private Supplier<RequestSpecification> callerFor(String pathTemplate) {
        String best = null;
        for (String prefix : callersByPath.keySet()) {
            if (pathTemplate.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? caller : callersByPath.get(best);
    }

    /** A place in a body that takes a string, or (array) an array. */
    private record Location(List<Object> steps, JsonNode schema, boolean array) {
        String describe() {
            StringBuilder path = new StringBuilder();
            for (Object step : steps) {
                if (step instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(step);
                }
            }
            return path.isEmpty() ? "(body)" : path.toString();
        }
    }

    /** Every string and array place below {@code schema}; map values, nested maps and map keys included. */
    private void locations(JsonNode schema, List<Object> steps, List<Location> out, int depth) {
        if (depth > 6) {
            return;
        }
        String type = schema.path("type").asText();
        if ("string".equals(type)) {
            out.add(new Location(List.copyOf(steps), schema, false));
        } else if ("array".equals(type)) {
            out.add(new Location(List.copyOf(steps), schema, true));
            locations(resolve(schema.path("items")), append(steps, 0), out, depth + 1);
        } else if (schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                locations(resolve(property.getValue()), append(steps, property.getKey()), out, depth + 1);
            }
        } else if ("object".equals(type) || schema.has("additionalProperties")) {
            // a map: a string value, a value below a nested object, and the key itself
            out.add(new Location(append(steps, "k"), NODES.objectNode().put("type", "string"), false));
            out.add(new Location(append(append(steps, "k"), "nested"), NODES.objectNode().put("type", "string"), false));
            out.add(new Location(append(steps, PLACEHOLDER), NODES.objectNode().put("type", "key"), false));
        }
    }

    private static List<Object> append(List<Object> steps, Object step) {
        List<Object> longer = new ArrayList<>(steps);
        longer.add(step);
        return longer;
    }

    /** Puts {@code value} at {@code steps} below {@code root}, making the objects and arrays on the way. */
    private static void set(ObjectNode root, List<Object> steps, JsonNode value) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the body itself is not a field");
        }
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Object next = last ? null : steps.get(i + 1);
            if (step instanceof Integer index) {
                ArrayNode array = (ArrayNode) node;
                while (array.size() <= index) {
                    array.add(NODES.nullNode());
                }
                if (last) {
                    array.set(index, value);
                } else if (!array.get(index).isContainerNode()) {
                    array.set(index, next instanceof Integer ? NODES.arrayNode() : NODES.objectNode());
                }
                node = array.get(index);
            } else {
                ObjectNode object = (ObjectNode) node;
                String name = (String) step;
                if (name.equals(PLACEHOLDER) && last) {
                    object.set(PLACEHOLDER, NODES.textNode("v"));
                    return;
                }
                if (last) {
                    object.set(name, value);
                } else if (!object.path(name).isContainerNode()) {
                    object.set(name, next instanceof Integer ? NODES.arrayNode() : NODES.objectNode());
                }
                node = object.get(name);
            }
        }
    }

    /** A body that passes validation where the contract says enough: required fields, examples, bounds. */
    private ObjectNode sample(JsonNode schema) {
        JsonNode value = sampleValue(resolve(schema), 0);
        return value instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode sampleValue(JsonNode schema, int depth) {
        String type = schema.path("type").asText();
        JsonNode example = schema.path("examples").path(0);
        if (schema.has("enum")) {
            return schema.path("enum").path(0);
        }
        switch (type) {
            case "string":
                if ("uuid".equals(schema.path("format").asText())) {
                    return NODES.textNode(UUID.randomUUID().toString());
                }
                return example.isTextual() ? example : NODES.textNode("x");
            case "integer":
            case "number":
                return example.isNumber() ? example : NODES.numberNode(schema.path("minimum").asLong(1));
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                return NODES.arrayNode();
            default:
                ObjectNode object = NODES.objectNode();
                if (depth < 6) {
                    for (JsonNode required : schema.path("required")) {
                        JsonNode property = schema.path("properties").path(required.asText());
                        object.set(required.asText(), sampleValue(resolve(property), depth + 1));
                    }
                }
                return object;
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            current = contract.at(ref.substring(1));
        }
        return current;
    }

    private String url(String template, String attacked, String hostile) {
        String url = template;
        int open;
        while ((open = url.indexOf('{')) >= 0) {
            int close = url.indexOf('}', open);
            String name = url.substring(open + 1, close);
            String value = name.equals(attacked) ? hostile
                    : URLEncoder.encode(pathValues.getOrDefault(name, UUID.randomUUID().toString()), StandardCharsets.UTF_8);
            url = url.substring(0, open) + value + url.substring(close + 1);
        }
        return url;
    }

    private static String formBody(Map<String, String> fields, String attacked, String hostile) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.append(body.isEmpty() ? "" : "&").append(field.getKey()).append('=')
                    .append(field.getKey().equals(attacked) ? hostile
                            : URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
