package dev.latchkey.token.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The vendor's M2M settings: one row. */
@Entity
@Table(name = "application_settings")
public class ApplicationSettings {

    public static final short ID = 1;

    @Id
    public short id;

    @Column(name = "m2m_enabled", nullable = false)
    public boolean m2mEnabled;

    @Column(name = "token_types", nullable = false, columnDefinition = "text[]")
    public String[] tokenTypes;

    /** Longest allowed token lifetime; null: no limit, and tokens may never expire. */
    @Column(name = "max_expiry_minutes")
    public Integer maxExpiryMinutes;

    @Column(name = "jwt_lifetime_seconds", nullable = false)
    public int jwtLifetimeSeconds;

    @Column(name = "refresh_tokens_enabled", nullable = false)
    public boolean refreshTokensEnabled;

    /** The reuse window (ADR 0019); 0: every exchange signs a new JWT. */
    @Column(name = "jwt_reuse_seconds", nullable = false)
    public int jwtReuseSeconds;

    @Column(name = "updated_by", nullable = false, length = 200)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
