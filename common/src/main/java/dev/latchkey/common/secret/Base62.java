package dev.latchkey.common.secret;

import java.math.BigInteger;

/** Fixed-width base62 (0-9, A-Z, a-z): URL-safe, no padding, and one word to a double-click. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    /** Encodes the unsigned number in {@code bytes} as exactly {@code width} characters. */
    static String encode(byte[] bytes, int width) {
        return encode(new BigInteger(1, bytes), width);
    }

    static String encode(long unsigned, int width) {
        return encode(BigInteger.valueOf(unsigned), width);
    }

    private static String encode(BigInteger value, int width) {
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 characters");
        }
        return new String(out);
    }

    static boolean isBase62(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
