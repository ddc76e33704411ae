package dev.latchkey.token.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Role ids (tenant tokens: its roles; personal tokens: the subset of the user's roles it may use). */
    @Column(name = "role_ids", nullable = false, columnDefinition = "text[]")
    public String[] roleIds = new String[0];

    /** A personal token acting with all of its user's roles, now and later; false: only {@link #roleIds}. */
    @Column(name = "all_roles", nullable = false)
    public boolean allRoles;

    /** Permission keys or wildcards, for a tenant token made from permissions rather than roles. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] permissions = new String[0];

    /** A small JSON object that becomes the JWT's {@code metadata} claim. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> metadata = new LinkedHashMap<>();

    /** The prefix and last characters of the secret (checksum), to recognise it; never enough to use it. */
    @Column(name = "secret_hint", nullable = false, length = 32)
    public String secretHint = "";

    /** 0 for the first secret, one more at every roll (and every replacement of the bootstrap credential). */
    @Column(name = "secret_generation", nullable = false)
    public int secretGeneration;

    /** The secret before the last roll, accepted until {@link #previousSecretExpiresAt}. */
    @Column(name = "previous_secret_hash")
    public byte[] previousSecretHash;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** Whether its expiry has been announced on the change feed. */
    @Column(name = "expiry_announced", nullable = false)
    public boolean expiryAnnounced;

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether the secret before the last roll still works at {@code now}. */
    public boolean previousSecretValidAt(Instant now) {
        return previousSecretHash != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt);
    }
}
