package dev.latchkey.token.settings;

import dev.latchkey.token.settings.api.SettingsBody;
import dev.latchkey.token.token.TokenType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The settings in force for one tenant: the application's, tightened (never loosened) by the tenant's. The reuse window
 * is never more than half the JWT lifetime, so that a JWT handed back again has most of its lifetime left (ADR 0019).
 */
public record EffectiveSettings(boolean m2mEnabled, Set<TokenType> tokenTypes, Integer maxExpiryMinutes,
        int jwtLifetimeSeconds, boolean refreshTokensEnabled, int jwtReuseSeconds) {

    public EffectiveSettings {
        jwtReuseSeconds = Math.min(jwtReuseSeconds, jwtLifetimeSeconds / 2);
    }

    public static EffectiveSettings of(ApplicationSettings app, TenantSettings tenant) {
        EffectiveSettings base = new EffectiveSettings(app.m2mEnabled, types(app.tokenTypes), app.maxExpiryMinutes,
                app.jwtLifetimeSeconds, app.refreshTokensEnabled, app.jwtReuseSeconds);
        return tenant == null ? base : base.tightenedBy(tenant);
    }

    private EffectiveSettings tightenedBy(TenantSettings t) {
        Set<TokenType> types = EnumSet.noneOf(TokenType.class);
        types.addAll(tokenTypes);
        if (t.tokenTypes != null) {
            types.retainAll(types(t.tokenTypes));
        }
        return new EffectiveSettings(
                m2mEnabled && (t.m2mEnabled == null || t.m2mEnabled),
                types,
                min(maxExpiryMinutes, t.maxExpiryMinutes),
                t.jwtLifetimeSeconds == null ? jwtLifetimeSeconds : Math.min(jwtLifetimeSeconds, t.jwtLifetimeSeconds),
                refreshTokensEnabled && (t.refreshTokensEnabled == null || t.refreshTokensEnabled),
                t.jwtReuseSeconds == null ? jwtReuseSeconds : Math.min(jwtReuseSeconds, t.jwtReuseSeconds));
    }

    public SettingsBody body() {
        return new SettingsBody(m2mEnabled, tokenTypes, maxExpiryMinutes, jwtLifetimeSeconds, refreshTokensEnabled,
                jwtReuseSeconds);
    }

    static Set<TokenType> types(String[] names) {
        Set<TokenType> types = EnumSet.noneOf(TokenType.class);
        Arrays.stream(names).map(TokenType::valueOf).forEach(types::add);
        return types;
    }

    /** The stricter of two limits, where null means no limit. */
    static Integer min(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
