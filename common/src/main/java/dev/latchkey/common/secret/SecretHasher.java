package dev.latchkey.common.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of a secret: HMAC-SHA-256 keyed with a server-side pepper (ADR 0002).
 *
 * <p>Secrets carry 256 random bits, so one keyed hash is as strong as a slow password hash against
 * guessing, and costs microseconds on the exchange path. A database dump without the pepper is useless.
 */
public final class SecretHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_PEPPER_BYTES = 32;

    private final Mac prototype;

    /** @param pepper the pepper as configured: base64 of at least 32 bytes */
    public SecretHasher(String pepper) {
        byte[] key = decode(pepper);
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    public byte[] hash(String secret) {
        try {
            Mac mac = (Mac) prototype.clone();
            return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC provider cannot be cloned", e);
        }
    }

    /** Constant-time comparison of {@code secret}'s hash with a stored hash. */
    public boolean matches(String secret, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(secret), storedHash);
    }

    private static byte[] decode(String pepper) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(pepper == null ? "" : pepper.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pepper must be base64");
        }
        if (key.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the pepper must decode to at least " + MIN_PEPPER_BYTES + " bytes");
        }
        return key;
    }
}
