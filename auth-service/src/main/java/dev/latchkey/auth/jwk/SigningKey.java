package dev.latchkey.auth.jwk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored signing key; its private half is encrypted by {@link MasterKey}. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    @Column(length = 64)
    public String kid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public KeyAlgorithm algorithm;

    /** The public JWK as published in the JWKS. */
    @Column(name = "public_jwk", nullable = false)
    public String publicJwk;

    @Column(name = "private_key", nullable = false)
    public byte[] privateKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "signs_from", nullable = false)
    public Instant signsFrom;

    @Column(name = "retired_at")
    public Instant retiredAt;
}
