package dev.latchkey.common.input;

/**
 * Text PostgreSQL can store: a {@code text} or {@code jsonb} value cannot hold U+0000, and a string with an unpaired
 * UTF-16 surrogate is not valid Unicode (it cannot be encoded as UTF-8). Such input is refused at the door with a 400
 * naming the field or parameter, before any query runs (ADR 0011).
 */
public final class StorableText {

    /** The violation message for such a field or parameter. */
    public static final String MESSAGE = "must not contain U+0000 or an unpaired UTF-16 surrogate";

    private static final int MAX_PRINTED = 100;

    private StorableText() {
    }

    /** Whether PostgreSQL can store {@code value} (null is storable: it is not text). */
    public static boolean storable(CharSequence value) {
        if (value == null) {
            return true;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code value} fit to echo in an error (a field name made of a map key, a query parameter's name): the characters
     * that cannot be stored are written as {@code \}{@code uXXXX}, and it is cut to a readable length.
     */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < MAX_PRINTED; i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < MAX_PRINTED || out.length() == value.length() ? out.toString() : out + "...";
    }
}
