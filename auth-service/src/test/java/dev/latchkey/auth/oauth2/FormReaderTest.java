package dev.latchkey.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jboss.resteasy.reactive.common.providers.serialisers.MapAsFormUrlEncodedProvider;
import org.jboss.resteasy.reactive.common.util.Encode;
import org.junit.jupiter.api.Test;

/**
 * The OAuth form reader against two oracles: the JDK's encoder (what any client sends decodes to what it encoded) and
 * RESTEasy's own reader, which it replaces (the same answer, or the same failure, wherever that reader is right).
 */
class FormReaderTest {

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> fields() {
        // names and values of any text a client may send: '=', '&', '%', '+', spaces, non-ASCII (no lone surrogates,
        // which no encoder can send)
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20)
                .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s));
        return Combinators.combine(text, text).as(Tuple::of).list().ofMaxSize(6);
    }

    @Property(tries = 500)
    void decodesWhatAnEncoderSent(@ForAll("fields") List<Tuple.Tuple2<String, String>> fields) {
        String body = fields.stream()
                .map(f -> URLEncoder.encode(f.get1(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.get2(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        fields.forEach(f -> sent.computeIfAbsent(f.get1(), k -> new ArrayList<>()).add(f.get2()));
        assertEquals(sent, new LinkedHashMap<>(FormReader.parse(body)));
    }

    @Provide
    Arbitrary<String> rawBodies() {
        // raw bytes of a body as a careless client may send it: escapes well- and ill-formed, '+', '=', '&', non-ASCII
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("%", "%2", "%41", "%e2%82%ac", "%ZZ", "%ff", "+", "=",
                "&", "a", "Z", "0", "-", "_", ".", "~", " ", "é", "\u20ac", "\ud83d\ude00", "\u0000"));
        return piece.list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    /** Where RESTEasy's reader is right: no field with a second '=', no empty field, no field that is only '='. */
    private static boolean resteasyIsRight(String body) {
        if (body.isEmpty()) {
            return true;
        }
        for (String field : body.split("&", -1)) {
            if (field.isEmpty() || field.equals("=") || field.indexOf('=') != field.lastIndexOf('=')) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 2000)
    void readsAsRestEasyDidWhereItWasRight(@ForAll("rawBodies") String body) throws Exception {
        Assume.that(resteasyIsRight(body));
        Object expected;
        try {
            expected = new LinkedHashMap<>(Encode.decode(MapAsFormUrlEncodedProvider.parseForm(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                    "UTF-8"));
        } catch (IllegalArgumentException e) {
            expected = IllegalArgumentException.class;
        }
        Object actual;
        try {
            actual = new LinkedHashMap<>(FormReader.parse(body));
        } catch (IllegalArgumentException e) {
            actual = IllegalArgumentException.class;
        }
        assertEquals(expected, actual, body);
    }

    @Test
    void aFieldIsSplitAtItsFirstEqualsAndEmptyFieldsAreSkipped() {
        MultivaluedMap<String, String> form = FormReader.parse("token=lk_at_x=y&&scope&a=%3D&b=1+2");
        assertEquals(List.of("lk_at_x=y"), form.get("token"));
        assertEquals(List.of(""), form.get("scope"));
        assertEquals(List.of("="), form.get("a"));
        assertEquals(List.of("1 2"), form.get("b"));
        assertEquals(4, form.size());
        assertThrows(IllegalArgumentException.class, () -> FormReader.parse("token=%4"));
    }
}
