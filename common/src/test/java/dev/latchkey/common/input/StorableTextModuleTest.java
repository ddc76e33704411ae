package dev.latchkey.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.json.StrictJson;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemMappers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextModuleTest {

    record Inner(String label) {
    }

    record Body(String name, List<String> tags, Map<String, Object> metadata, Map<String, String> labels,
            List<Inner> items, Object anything) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    /** The field the problem+json answer would name, with the message it would give. */
    private String refusedField(String body) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> json.readValue(body, Body.class));
        assertTrue(e instanceof UnstorableTextException, e.toString());
        Problem problem = (Problem) new ProblemMappers().unreadable(e).getEntity();
        assertEquals(400, problem.status());
        assertEquals("urn:latchkey:problem:validation", problem.type());
        assertEquals(StorableText.MESSAGE, problem.violations().get(0).message());
        return problem.violations().get(0).field();
    }

    @Test
    void nulAndLoneSurrogatesAreRefusedNamingTheField() {
        for (String bad : List.of("\\u0000", "a\\u0000b", "\\ud800", "x\\udc00", "\\ud800x", "\\udbff")) {
            assertEquals("name", refusedField("{\"name\":\"" + bad + "\"}"));
            assertEquals("tags[1]", refusedField("{\"tags\":[\"ok\",\"" + bad + "\"]}"));
            assertEquals("metadata.foo", refusedField("{\"metadata\":{\"foo\":\"" + bad + "\"}}"));
            assertEquals("metadata.foo.bar[2]", refusedField("{\"metadata\":{\"foo\":{\"bar\":[1,true,\"" + bad + "\"]}}}"));
            assertEquals("labels.k", refusedField("{\"labels\":{\"k\":\"" + bad + "\"}}"));
            assertEquals("items[0].label", refusedField("{\"items\":[{\"label\":\"" + bad + "\"}]}"));
            assertEquals("anything[0].z", refusedField("{\"anything\":[{\"z\":\"" + bad + "\"}]}"));
        }
    }

    @Test
    void unstorableKeysAreRefusedAtAnyDepth() {
        assertEquals("metadata.a\\u0000", refusedField("{\"metadata\":{\"a\\u0000\":1}}"));
        assertEquals("metadata.x.\\uD800", refusedField("{\"metadata\":{\"x\":{\"\\ud800\":1}}}"));
        assertEquals("labels.\\uDC00", refusedField("{\"labels\":{\"\\udc00\":\"v\"}}"));
    }

    @Test
    void storableTextStillReads() throws Exception {
        Body body = json.readValue("{\"name\":\"caf\\u00e9 \\ud83d\\ude00\",\"tags\":[\"a\"],"
                + "\"metadata\":{\"n\":1.5,\"b\":[true,null,\"s\"],\"o\":{\"k\":2}},\"labels\":{\"k\":\"v\"}}", Body.class);
        assertEquals("café 😀", body.name());
        assertEquals(Map.of("n", 1.5, "b", java.util.Arrays.asList(true, null, "s"), "o", Map.of("k", 2)), body.metadata());
        assertEquals(Map.of("k", "v"), body.labels());
    }

    @Test
    void strictnessStillHoldsBelowMetadata() {
        assertThrows(JsonMappingException.class, () -> json.readValue("{\"metadata\":{\"a\":1,\"a\":2}}", Body.class));
        assertThrows(JsonMappingException.class, () -> json.readValue("{\"name\":42}", Body.class));
    }

    @Test
    void storableIsExactlyWhatPostgresqlTextAccepts() {
        assertTrue(StorableText.storable("plain \uD83D\uDE00"));
        assertFalse(StorableText.storable("\0"));
        assertFalse(StorableText.storable("\uD800"));
        assertFalse(StorableText.storable("\uDE00\uD83D"));
        assertEquals("a\\u0000b\\uD800", StorableText.printable("a\0b\uD800"));
    }
}
