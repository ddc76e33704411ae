package dev.latchkey.common.secret;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * The wire form of secrets and client ids (SPEC "Token format").
 *
 * <p>A secret is {@code <prefix><43 base62 chars: 256 random bits><6 base62 chars: CRC32 of prefix and body>}.
 * The checksum lets a secret scanner, and our own endpoints, reject a mistyped or truncated secret
 * without a database lookup. Client ids are public: {@code lk_ci_<22 base62 chars: 128 random bits>}.
 */
public final class SecretFormat {

    public static final String CLIENT_ID_PREFIX = "lk_ci_";
    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    static final int CLIENT_ID_BODY_LENGTH = 22;
    /** Length of every secret, whatever its kind (all prefixes have six characters). */
    public static final int SECRET_LENGTH = 6 + BODY_LENGTH + CHECKSUM_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ANY_PREFIX = Arrays.stream(SecretKind.values())
            .map(kind -> Pattern.quote(kind.prefix())).collect(Collectors.joining("|", "(?:", ")"));
    /**
     * Anything shaped like a secret of any kind, well-formed or not: a prefix, then a body's worth of base62 and up to
     * a checksum's more, never reaching into the prefix of a secret that follows without a separator.
     */
    private static final Pattern SECRET_LIKE = Pattern.compile(ANY_PREFIX + "(?:(?!" + ANY_PREFIX + ")[0-9A-Za-z]){"
            + BODY_LENGTH + "," + (BODY_LENGTH + CHECKSUM_LENGTH) + "}");

    private SecretFormat() {
    }

    /** A new secret of the given kind, with 256 bits from {@link SecureRandom}. */
    public static String generate(SecretKind kind) {
        String head = kind.prefix() + Base62.encode(randomBytes(32), BODY_LENGTH);
        return head + checksum(head);
    }

    /** A new public client id. */
    public static String newClientId() {
        return CLIENT_ID_PREFIX + Base62.encode(randomBytes(16), CLIENT_ID_BODY_LENGTH);
    }

    /** True when {@code candidate} has the kind's prefix, the right length and alphabet, and a valid checksum. */
    public static boolean isWellFormed(SecretKind kind, String candidate) {
        if (candidate == null || candidate.length() != SECRET_LENGTH || !candidate.startsWith(kind.prefix())) {
            return false;
        }
        int checksumAt = SECRET_LENGTH - CHECKSUM_LENGTH;
        if (!Base62.isBase62(candidate, kind.prefix().length(), SECRET_LENGTH)) {
            return false;
        }
        String head = candidate.substring(0, checksumAt);
        return checksum(head).equals(candidate.substring(checksumAt));
    }

    /** True when {@code candidate} looks like a client id (prefix, length, alphabet). */
    public static boolean isClientId(String candidate) {
        return candidate != null
                && candidate.length() == CLIENT_ID_PREFIX.length() + CLIENT_ID_BODY_LENGTH
                && candidate.startsWith(CLIENT_ID_PREFIX)
                && Base62.isBase62(candidate, CLIENT_ID_PREFIX.length(), candidate.length());
    }

    /** What may be shown of a secret in lists: its prefix and its last four characters, which are checksum. */
    public static String hint(String secret) {
        return secret.substring(0, 6) + "..." + secret.substring(secret.length() - 4);
    }

    /**
     * {@code text} with every secret-shaped run (a kind's prefix and a body's worth of base62, whatever its checksum)
     * replaced by its {@link #hint}: for output that may hold secrets printed elsewhere on purpose, such as a
     * failed start's service output dumped for diagnosis.
     */
    public static String redact(String text) {
        return SECRET_LIKE.matcher(text).replaceAll(match -> hint(match.group()));
    }

    static String checksum(String head) {
        CRC32 crc = new CRC32();
        crc.update(head.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
