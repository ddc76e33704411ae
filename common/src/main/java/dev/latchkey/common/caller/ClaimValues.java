package dev.latchkey.common.caller;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads JWT claim values, which arrive as JSON-P values or plain Java ones depending on the claim. */
public final class ClaimValues {

    private ClaimValues() {
    }

    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value instanceof JsonNumber n ? n.toString() : String.valueOf(value);
    }

    /** A UUID claim; null when absent or not a UUID. */
    public static UUID uuid(Object value) {
        try {
            return value == null ? null : UUID.fromString(text(value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A list-of-strings claim; empty when absent. */
    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                out.add(text(item));
            }
        }
        return out;
    }
}
