package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.credential.UsageReporter;
import dev.latchkey.auth.jwt.JwtIssuer;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.rbac.PermissionResolver.Rights;
import dev.latchkey.auth.refresh.RefreshTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What every grant ends with: the token's rights from rbac-service (live role definitions), narrowed by a requested
 * scope (never widened), a signed JWT that never outlives its API token, and a refresh token when enabled.
 */
@ApplicationScoped
public class Issuance {

    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** The scope that asks for a refresh token (as in OpenID Connect): without it, an exchange writes nothing. */
    public static final String OFFLINE_ACCESS = "offline_access";

    private final PermissionResolver rights;
    private final JwtIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final UsageReporter usage;
    private final AuthConfig config;

    public Issuance(PermissionResolver rights, JwtIssuer issuer, RefreshTokens refreshTokens, UsageReporter usage,
            AuthConfig config) {
        this.rights = rights;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.usage = usage;
        this.config = config;
    }

    /**
     * @param scope    requested scope (space-separated permission keys), or null for all the token's rights
     * @param family   the refresh-token family to continue, or null for a new one; refresh tokens only if {@code withRefresh}
     */
    public Uni<TokenResponse> forToken(TokenState token, String requestedScope, boolean withRefresh, UUID family,
            String issuedTokenType) {
        boolean offline = requestedScope != null && Arrays.asList(requestedScope.trim().split("\\s+")).contains(OFFLINE_ACCESS);
        String scope = offline ? withoutOffline(requestedScope) : requestedScope;
        return rights.of(token).flatMap(held -> {
            if (!held.member()) {
                throw OAuthError.invalidGrant("The token's user is no longer a member of its tenant");
            }
            List<String> granted = narrowed(held, scope);
            long lifetime = lifetime(token);
            JwtIssuer.Issued jwt = issuer.issue(new JwtIssuer.Claims(
                    token.userId() != null ? token.userId() : token.clientId() != null ? token.clientId() : token.tokenId().toString(),
                    token.context().toLowerCase(Locale.ROOT), token.tokenId(), token.tenantId(), token.userId(),
                    held.roles(), granted, token.metadata(), null, lifetime));
            usage.used(token.tokenId());
            // A refresh token only when asked for (offline_access, or a refresh continuing its family) and enabled.
            boolean refresh = withRefresh && (offline || family != null) && Boolean.TRUE.equals(token.refreshTokensEnabled());
            Uni<String> refreshToken = refresh ? refreshTokens.issue(token.tokenId(), family, scope) : Uni.createFrom().nullItem();
            return refreshToken.map(rt -> new TokenResponse(jwt.jwt(), "Bearer", jwt.expiresIn(), rt, scope, issuedTokenType));
        });
    }

    /** A session the vendor makes for one of its users (token exchange): the user's current roles, {@code act} = vendor. */
    public Uni<TokenResponse> forUser(UUID tenantId, String userId, String vendorClientId, Rights held, String scope) {
        List<String> granted = narrowed(held, scope);
        JwtIssuer.Issued jwt = issuer.issue(new JwtIssuer.Claims(userId, "user", null, tenantId, userId, held.roles(),
                granted, null, Map.of("sub", vendorClientId), config.jwtLifetime().toSeconds()));
        return Uni.createFrom().item(new TokenResponse(jwt.jwt(), "Bearer", jwt.expiresIn(), null, scope, ACCESS_TOKEN_TYPE));
    }

    private static String withoutOffline(String scope) {
        String rest = Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.equals(OFFLINE_ACCESS))
                .collect(java.util.stream.Collectors.joining(" "));
        return rest.isEmpty() ? null : rest;
    }

    /** The requested scope when every key in it is held (or the bearer holds "*"); else invalid_scope. */
    static List<String> narrowed(Rights held, String scope) {
        if (scope == null || scope.isBlank()) {
            return held.permissions();
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        boolean all = held.permissions().contains("*");
        for (String key : requested) {
            if (!all && !held.permissions().contains(key)) {
                throw OAuthError.invalidScope("The token does not hold " + key);
            }
        }
        return List.copyOf(requested);
    }

    /** The tenant's JWT lifetime, never past the API token's own expiry. */
    private long lifetime(TokenState token) {
        long lifetime = token.jwtLifetimeSeconds() != null ? token.jwtLifetimeSeconds() : config.jwtLifetime().toSeconds();
        if (token.expiresAt() != null) {
            lifetime = Math.min(lifetime, Math.max(1, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()));
        }
        return lifetime;
    }
}
