package dev.latchkey.auth.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.auth.credential.CredentialsConfig;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.jwt.JwtIssuer;
import dev.latchkey.auth.rbac.PermissionResolver.Rights;
import dev.latchkey.common.revocation.RevocationGuard;
import dev.latchkey.common.revocation.Revocations;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The reuse window (ADR 0019, a setting, off by default): a credential that asks again within {@code jwtReuseSeconds}
 * of its last JWT, and within the first half of that JWT's life, gets the same JWT back instead of a new signature.
 *
 * <p>Only while nothing it was made from has changed, which is judged by identity: the token's state is the very
 * object auth-service's memory holds for the presented credential (any change of the token, a roll, a delete, new
 * settings, or memory that is not trusted, gives another object), its rights are the very object resolved from
 * rbac-service's answer (any change of a role or membership in the tenant gives another), the scope and grant are the
 * same, and the JWT is not void by the rule the management APIs and introspection apply (revoked, or a cut since it
 * was issued). A JWT with a refresh token is never reused: each of those is written down once.
 */
@Singleton
public class JwtReuse {

    /** The last JWT handed out for a token, and what it was made from. */
    private record Last(TokenState state, Rights rights, String scope, String issuedTokenType, TokenResponse response,
            long issuedAtMillis, long expiresAtMillis, Revocations.Claims claims) {
    }

    private final Cache<UUID, Last> last;
    private final RevocationGuard revocations;

    public JwtReuse(CredentialsConfig config, RevocationGuard revocations) {
        this.last = Caffeine.newBuilder().maximumSize(config.cacheSize()).expireAfterWrite(Duration.ofHours(12)).build();
        this.revocations = revocations;
    }

    /** The last JWT of this token again, with the seconds it has left; null when a new one must be signed. */
    TokenResponse again(TokenState token, Rights rights, String scope, String issuedTokenType) {
        Integer window = token.jwtReuseSeconds();
        if (window == null || window <= 0) {
            return null;
        }
        Last previous = last.getIfPresent(token.tokenId());
        if (previous == null || previous.state() != token || previous.rights() != rights
                || !Objects.equals(previous.scope(), scope) || !Objects.equals(previous.issuedTokenType(), issuedTokenType)) {
            return null;
        }
        long now = System.currentTimeMillis();
        long age = now - previous.issuedAtMillis();
        long halfLife = (previous.expiresAtMillis() - previous.issuedAtMillis()) / 2;
        if (age < 0 || age >= window * 1000L || age >= halfLife || !revocations.fresh()
                || revocations.voided(previous.claims()).isPresent()) {
            return null;
        }
        TokenResponse r = previous.response();
        return new TokenResponse(r.accessToken(), r.tokenType(), (previous.expiresAtMillis() - now) / 1000, null, r.scope(),
                r.issuedTokenType());
    }

    /** Remembers a JWT just issued without a refresh token, when the token's settings open a reuse window. */
    void issued(TokenState token, Rights rights, String scope, String issuedTokenType, TokenResponse response,
            JwtIssuer.Issued jwt, JwtIssuer.Claims claims) {
        Integer window = token.jwtReuseSeconds();
        if (window == null || window <= 0 || response.refreshToken() != null) {
            return;
        }
        Revocations.Claims judged = Revocations.Claims.of(jwt.jti(), jwt.issuedAtMillis() / 1000, token.tokenId(),
                claims.tenantId(), claims.userId(), claims.roles());
        long expiresAtMillis = (jwt.issuedAtMillis() / 1000 + jwt.expiresIn()) * 1000;
        last.put(token.tokenId(), new Last(token, rights, scope, issuedTokenType, response, jwt.issuedAtMillis(),
                expiresAtMillis, judged));
    }
}
