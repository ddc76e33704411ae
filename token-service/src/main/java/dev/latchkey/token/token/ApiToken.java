package dev.latchkey.token.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API token. Its secret is never stored, only {@link #secretHash}. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TokenContext context;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public TokenType type;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "user_id", length = 200)
    public String userId;

    /** Public id of a client-credentials token. */
    @Column(name = "client_id", length = 64, unique = true)
    public String clientId;

    /** HMAC-SHA-256 of the secret with the pepper. */
    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    /** True for the vendor credential created on first start. */
    @Column(nullable = false)
    public boolean bootstrap;

    @Column(length = 500)
    public String description;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
