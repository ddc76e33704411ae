package dev.latchkey.auth.jwk;

import dev.latchkey.auth.config.AuthConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with AES-256-GCM under {@code latchkey.auth.master-key}; the key id is bound as
 * associated data. During a master-key rotation it also opens what a previous master key sealed
 * ({@code latchkey.auth.previous-master-keys}), so replicas started before and after the change can read each
 * other's keys until {@link MasterKeyRotation} has re-encrypted them.
 */
@Singleton
public class MasterKey {

    static final String CURRENT = "latchkey.auth.master-key";
    static final String PREVIOUS = "latchkey.auth.previous-master-keys";
    /** Which master key opens a stored key: none of them. */
    static final int NONE = -1;
    /** Which master key opens a stored key: the current one. */
    static final int CURRENT_KEY = 0;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKey key;
    private final List<SecretKey> previous;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public MasterKey(AuthConfig config) {
        this(config.masterKey(), config.previousMasterKeys().orElse(List.of()));
    }

    MasterKey(String base64) {
        this(base64, List.of());
    }

    MasterKey(String base64, List<String> previousBase64) {
        key = parse(base64, CURRENT);
        List<SecretKey> parsed = new ArrayList<>();
        for (int i = 0; i < previousBase64.size(); i++) {
            parsed.add(parse(previousBase64.get(i), PREVIOUS + "[" + i + "]"));
        }
        previous = List.copyOf(parsed);
    }

    /** The number of previous master keys configured. */
    int previousCount() {
        return previous.size();
    }

    private static SecretKey parse(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(name + " must decode to 32 bytes");
        }
        SecretKey parsed = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        return parsed;
    }

    public byte[] encrypt(byte[] plain, String kid) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /**
     * Opens a stored private key with the current master key, else with a previous one.
     *
     * @throws GeneralSecurityException when no configured master key encrypted it, or the bytes were changed
     */
    public byte[] decrypt(byte[] stored, String kid) throws GeneralSecurityException {
        try {
            return decrypt(key, stored, kid);
        } catch (GeneralSecurityException notCurrent) {
            for (SecretKey former : previous) {
                try {
                    return decrypt(former, stored, kid);
                } catch (GeneralSecurityException notThisOne) {
                    // try the next one
                }
            }
            throw notCurrent;
        }
    }

    /**
     * Which master key opens a stored private key: {@link #CURRENT_KEY}, {@code i + 1} for
     * {@code previous-master-keys[i]}, or {@link #NONE}.
     */
    int opener(byte[] stored, String kid) {
        List<SecretKey> all = new ArrayList<>();
        all.add(key);
        all.addAll(previous);
        for (int i = 0; i < all.size(); i++) {
            try {
                Arrays.fill(decrypt(all.get(i), stored, kid), (byte) 0);
                return i;
            } catch (GeneralSecurityException notThisOne) {
                // try the next one
            }
        }
        return NONE;
    }

    private static byte[] decrypt(SecretKey with, byte[] stored, String kid) throws GeneralSecurityException {
        if (stored.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("stored key too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }
}
