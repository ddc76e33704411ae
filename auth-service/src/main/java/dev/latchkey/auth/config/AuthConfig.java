package dev.latchkey.auth.config;

import dev.latchkey.auth.jwk.KeyAlgorithm;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How auth-service issues JWTs. */
@ConfigMapping(prefix = "latchkey.auth")
public interface AuthConfig {

    /** The {@code iss} of every JWT, and the base URL of the endpoints the discovery document names. */
    String issuer();

    /** The {@code aud} of every JWT: what the vendor's gateway and Latchkey's own services expect. */
    @WithDefault("latchkey")
    String audience();

    /**
     * The JOSE {@code typ} of issued JWTs: {@code at+jwt} (RFC 9068, the default) or {@code JWT} for verifiers that
     * accept nothing else, such as Spring Security's default decoder (ADR 0014).
     */
    @WithDefault("at+jwt")
    String jwtType();

    /** Lifetime of an issued JWT. */
    @WithDefault("PT5M")
    Duration jwtLifetime();

    /** Algorithm of newly created signing keys: ES256 (default), RS256 or EdDSA. */
    @WithDefault("ES256")
    KeyAlgorithm signingAlgorithm();

    /** How long a signing key signs before the next one takes over. */
    @WithDefault("P30D")
    Duration keyRotationPeriod();

    /** How long a new key is published before it signs: longer than verifiers cache the JWKS (300 s). */
    @WithDefault("PT10M")
    Duration keyPublishAhead();

    /** The longest JWT lifetime any settings allow: a retired key stays published this long. */
    @WithDefault("PT24H")
    Duration maxJwtLifetime();

    /** How long an unused refresh token lives. */
    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** Base64 of 32 random bytes: the AES-256 key that encrypts signing keys' private halves at rest. */
    String masterKey();

    /**
     * Base64 of 32 bytes each: former master keys. At start, signing keys still encrypted under one of them are
     * re-encrypted under {@code latchkey.auth.master-key}; remove them once every replica has started with the new key.
     */
    Optional<List<String>> previousMasterKeys();
}
