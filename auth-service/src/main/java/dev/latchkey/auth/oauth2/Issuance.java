package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.credential.UsageReporter;
import dev.latchkey.auth.jwt.JwtIssuer;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.rbac.PermissionResolver.Rights;
import dev.latchkey.auth.refresh.RefreshTokens;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every grant ends with: the token's rights from rbac-service (live role definitions), narrowed by a requested
 * scope (never widened; roles too), a refresh token when one is due, and a signed JWT that outlives neither its API
 * token nor the grace period of the secret that was presented.
 */
@Singleton
public class Issuance {

    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** The scope that asks for a refresh token (as in OpenID Connect): without it, an exchange writes nothing. */
    public static final String OFFLINE_ACCESS = "offline_access";

    /** The refresh-token part of a grant. */
    public sealed interface Refresh {
        /** No refresh token (token exchange). */
        Refresh NONE = new None();

        record None() implements Refresh {
        }

        /** A new family when the client asks with offline_access; it is tied to the presented secret's generation. */
        record Offer(Integer secretGeneration) implements Refresh {
        }

        /** Spend {@code presented} and continue its family; a refusal is reported as a failed use of the client. */
        record Rotate(String presented, String clientId, String source) implements Refresh {
            @Override
            public String toString() {
                return "Rotate[clientId=" + clientId + "]";
            }
        }
    }

    /** What the JWT carries after narrowing. */
    record Granted(List<String> roles, List<String> permissions) {
    }

    private final PermissionResolver rights;
    private final JwtIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final UsageReporter usage;
    private final Failures failures;
    private final AuthConfig config;
    private final JwtReuse reuse;

    public Issuance(PermissionResolver rights, JwtIssuer issuer, RefreshTokens refreshTokens, UsageReporter usage,
            Failures failures, AuthConfig config, JwtReuse reuse) {
        this.reuse = reuse;
        this.rights = rights;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.usage = usage;
        this.failures = failures;
        this.config = config;
    }

    /**
     * @param secretAcceptedUntil end of the presented secret's grace period (it was rolled away), or null
     * @param requestedScope      space-separated permission keys (and offline_access), or null for all the token's rights
     */
    public Uni<TokenResponse> forToken(TokenState token, Instant secretAcceptedUntil, String requestedScope, Refresh refresh,
            String issuedTokenType) {
        boolean offline = requestedScope != null && Arrays.asList(requestedScope.trim().split("\\s+")).contains(OFFLINE_ACCESS);
        String scope = offline ? withoutOffline(requestedScope) : requestedScope;
        return rights.of(token).flatMap(held -> {
            if (!held.member()) {
                throw OAuthError.invalidGrant("The token's user is no longer a member of its tenant");
            }
            Granted granted = narrowed(held, scope);
            if (!offline && !(refresh instanceof Refresh.Rotate)) {
                TokenResponse again = reuse.again(token, held, scope, issuedTokenType);
                if (again != null) {
                    usage.used(token.tokenId());
                    return Uni.createFrom().item(again);
                }
            }
            // The refresh token is written (and a presented one spent) before signing: nothing that can fail for other
            // reasons than the refresh token itself comes after the spend, so a retry is never taken for reuse.
            return refreshToken(token, refresh, offline, scope).map(rt -> {
                String grantedScope = grantedScope(scope, rt != null);
                JwtIssuer.Claims claims = new JwtIssuer.Claims(token.subject(), token.clientIdentity(),
                        grantedScope, token.context().toLowerCase(Locale.ROOT), token.tokenId(), token.tenantId(),
                        token.userId(), granted.roles(), granted.permissions(), token.metadata(), null,
                        lifetime(token, secretAcceptedUntil));
                JwtIssuer.Issued jwt = issuer.issue(claims);
                usage.used(token.tokenId());
                TokenResponse response = new TokenResponse(jwt.jwt(), "Bearer", jwt.expiresIn(), rt, grantedScope, issuedTokenType);
                reuse.issued(token, held, scope, issuedTokenType, response, jwt, claims);
                return response;
            });
        });
    }

    /** A session the vendor makes for one of its users (token exchange): the user's current roles, {@code act} = vendor. */
    public Uni<TokenResponse> forUser(UUID tenantId, String userId, String vendorClientId, Rights held, String scope) {
        Granted granted = narrowed(held, scope);
        String grantedScope = grantedScope(scope, false);
        JwtIssuer.Issued jwt = issuer.issue(new JwtIssuer.Claims(userId, vendorClientId, grantedScope, "user", null,
                tenantId, userId, granted.roles(), granted.permissions(), null, Map.of("sub", vendorClientId),
                config.jwtLifetime().toSeconds()));
        return Uni.createFrom().item(new TokenResponse(jwt.jwt(), "Bearer", jwt.expiresIn(), null, grantedScope,
                ACCESS_TOKEN_TYPE));
    }

    /** Null, a new family's first token, or the next token of a family (its presented one spent). */
    private Uni<String> refreshToken(TokenState token, Refresh refresh, boolean offline, String scope) {
        boolean enabled = Boolean.TRUE.equals(token.refreshTokensEnabled());
        if (refresh instanceof Refresh.Offer offer && offline && enabled) {
            return refreshTokens.issue(token.tokenId(), offer.secretGeneration(), scope);
        }
        if (refresh instanceof Refresh.Rotate rotate) {
            return refreshTokens.rotate(rotate.presented(), token.tokenId(), enabled, scope).map(rotation -> {
                if (rotation.refusal() != null) {
                    failures.failed(token.tokenId(), rotate.clientId(), "REFRESH_" + rotation.refusal(), rotate.source());
                    throw OAuthError.invalidGrant("The refresh token is not valid");
                }
                return rotation.next();
            });
        }
        return Uni.createFrom().nullItem();
    }

    /**
     * The scope granted, as the token response and the JWT's {@code scope} claim say it: the requested permission keys
     * (normalised to single spaces), plus offline_access when a refresh token came with it; null when no scope was
     * asked for (the JWT then carries everything held, in {@code permissions}).
     */
    static String grantedScope(String permissionScope, boolean refreshTokenIssued) {
        String keys = permissionScope == null || permissionScope.isBlank() ? null
                : String.join(" ", new LinkedHashSet<>(Arrays.asList(permissionScope.trim().split("\\s+"))));
        if (!refreshTokenIssued) {
            return keys;
        }
        return keys == null ? OFFLINE_ACCESS : keys + " " + OFFLINE_ACCESS;
    }

    private static String withoutOffline(String scope) {
        String rest = Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.equals(OFFLINE_ACCESS))
                .collect(Collectors.joining(" "));
        return rest.isEmpty() ? null : rest;
    }

    /**
     * Without a scope, everything held. With one: exactly the requested keys, each of which must be held (or the bearer
     * holds "*"), else invalid_scope; and only the roles every permission of which (expanded) is within them, the rule
     * rbac-service and token-service apply to a narrowed JWT too (ADR 0010).
     */
    static Granted narrowed(Rights held, String scope) {
        if (scope == null || scope.isBlank()) {
            return new Granted(held.roles(), held.permissions());
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        boolean all = held.permissions().contains("*");
        for (String key : requested) {
            if (!all && !held.permissions().contains(key)) {
                throw OAuthError.invalidScope("The token does not hold " + key);
            }
        }
        List<String> roles = requested.contains("*") ? held.roles() : held.roles().stream()
                .filter(role -> held.roleGrants().containsKey(role) && requested.containsAll(held.roleGrants().get(role)))
                .toList();
        return new Granted(roles, List.copyOf(requested));
    }

    /** The tenant's JWT lifetime, never past the API token's own expiry nor the presented secret's grace period. */
    private long lifetime(TokenState token, Instant secretAcceptedUntil) {
        long lifetime = token.jwtLifetimeSeconds() != null ? token.jwtLifetimeSeconds() : config.jwtLifetime().toSeconds();
        long now = Instant.now().getEpochSecond();
        if (token.expiresAt() != null) {
            lifetime = Math.min(lifetime, Math.max(1, token.expiresAt().getEpochSecond() - now));
        }
        if (secretAcceptedUntil != null) {
            lifetime = Math.min(lifetime, Math.max(1, secretAcceptedUntil.getEpochSecond() - now));
        }
        return lifetime;
    }
}
