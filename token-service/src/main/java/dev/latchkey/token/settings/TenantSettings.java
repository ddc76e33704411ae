package dev.latchkey.token.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's tightening of the application's settings; a null field follows the application. */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "m2m_enabled")
    public Boolean m2mEnabled;

    @Column(name = "token_types", columnDefinition = "text[]")
    public String[] tokenTypes;

    @Column(name = "max_expiry_minutes")
    public Integer maxExpiryMinutes;

    @Column(name = "jwt_lifetime_seconds")
    public Integer jwtLifetimeSeconds;

    @Column(name = "refresh_tokens_enabled")
    public Boolean refreshTokensEnabled;

    @Column(name = "jwt_reuse_seconds")
    public Integer jwtReuseSeconds;

    @Column(name = "updated_by", nullable = false, length = 200)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
