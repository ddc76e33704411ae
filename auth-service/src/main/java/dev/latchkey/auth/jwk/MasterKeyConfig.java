package dev.latchkey.auth.jwk;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Master keys being rotated away from (ADR 0003); the current one is {@code latchkey.auth.master-key}. */
@ConfigMapping(prefix = "latchkey.auth")
public interface MasterKeyConfig {

    /**
     * Base64 of 32 bytes each: former master keys. At start, signing keys still encrypted under one of them are
     * re-encrypted under {@code latchkey.auth.master-key}; remove them once every replica has started with the new key.
     */
    Optional<List<String>> previousMasterKeys();
}
