package dev.latchkey.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small JSON objects callers may attach (tenant metadata, token metadata that becomes a JWT claim). */
public final class Metadata {

    public static final int MAX_KEYS = 50;
    public static final int MAX_BYTES = 4096;

    private Metadata() {
    }

    /** A copy of {@code metadata} (empty for null), or a 400 naming {@code field} when it is too large. */
    public static Map<String, Object> checked(String field, Map<String, Object> metadata, ObjectMapper json) {
        if (metadata == null) {
            return new LinkedHashMap<>();
        }
        if (metadata.size() > MAX_KEYS) {
            throw ProblemException.invalid(field, "at most " + MAX_KEYS + " keys");
        }
        try {
            if (json.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw ProblemException.invalid(field, "at most " + MAX_BYTES + " bytes of JSON");
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(field, "must be a JSON object");
        }
        return new LinkedHashMap<>(metadata);
    }
}
