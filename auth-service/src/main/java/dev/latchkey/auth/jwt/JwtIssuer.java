package dev.latchkey.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.SigningKeys;
import dev.latchkey.auth.jwk.SigningProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;

/**
 * Builds and signs the JWTs auth-service issues: JWT access tokens in the RFC 9068 profile ({@code typ: at+jwt},
 * {@code client_id}, {@code scope} when one was asked for) with Latchkey's claims (ADR 0005, ADR 0014), signed with
 * the fastest provider (ADR 0009).
 */
@Singleton
public class JwtIssuer {

    /**
     * What a JWT says.
     *
     * @param tokenType {@code vendor}, {@code tenant}, {@code personal} or {@code user} (a session made by token exchange)
     * @param clientId  the OAuth client the JWT was issued to (RFC 9068 {@code client_id})
     * @param scope     the granted scope when the client asked for one (space-separated), else null
     * @param act       for a session the vendor made for a user: who acts ({@code {"sub": client id}}); else null
     */
    public record Claims(String subject, String clientId, String scope, String tokenType, UUID tokenId, UUID tenantId,
            String userId, List<String> roles, List<String> permissions, Map<String, Object> metadata,
            Map<String, Object> act, long lifetimeSeconds) {
    }


    /** A signed JWT, what the token response says about it, and when it was issued (its {@code iat}, to the ms). */
    public record Issued(String jwt, String jti, long expiresIn, long issuedAtMillis) {
        @Override
        public String toString() {
            return "Issued[jti=" + jti + "]";
        }
    }

    /** The JOSE types a Latchkey JWT may declare: RFC 9068's, or the generic one for verifiers that insist on it. */
    static final List<String> TYPES = List.of("at+jwt", "JWT");

    private final AuthConfig config;
    private final SigningKeys keys;
    private final SigningProvider providers;
    /** Claims templates by grant (every claim but the times and jti); a grant's claims change, its key changes. */
    private final Cache<Claims, String> templates = Caffeine.newBuilder().maximumSize(10_000).build();
    /** The signer of the active key; replaced when another key becomes active. */
    private volatile CompactSigner signer;

    public JwtIssuer(AuthConfig config, SigningKeys keys, SigningProvider providers) {
        if (!TYPES.contains(config.jwtType())) {
            throw new IllegalStateException("latchkey.auth.jwt-type must be one of " + TYPES + ", not " + config.jwtType());
        }
        this.config = config;
        this.keys = keys;
        this.providers = providers;
    }

    public Issued issue(Claims c) {
        long nowMillis = System.currentTimeMillis();
        long issuedAt = nowMillis / 1000;
        String jti = JwtIds.next(nowMillis).toString();
        // the claims that differ from one JWT of the same grant to the next, after the ones that do not
        String payload = templates.get(c, this::constantClaims) + "\"iat\":" + issuedAt + ",\"exp\":"
                + (issuedAt + c.lifetimeSeconds()) + ",\"jti\":\"" + jti + "\"}";
        return new Issued(sign(payload), jti, c.lifetimeSeconds(), nowMillis);
    }

    /**
     * The JSON of every claim but {@code iat}, {@code exp} and {@code jti}, open for those: the same for every JWT of
     * one grant, so it is written once per grant and kept ({@link #templates}) instead of once per JWT.
     */
    private String constantClaims(Claims c) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(c.subject());
        claims.setAudience(config.audience());
        claims.setClaim("client_id", c.clientId());
        if (c.scope() != null) {
            claims.setClaim("scope", c.scope());
        }
        claims.setClaim("token_type", c.tokenType());
        if (c.tokenId() != null) {
            claims.setClaim("token_id", c.tokenId().toString());
        }
        if (c.tenantId() != null) {
            claims.setClaim("tenant_id", c.tenantId().toString());
        }
        if (c.userId() != null) {
            claims.setClaim("user_id", c.userId());
        }
        claims.setStringListClaim("roles", c.roles());
        claims.setStringListClaim("permissions", c.permissions());
        if (c.metadata() != null && !c.metadata().isEmpty()) {
            claims.setClaim("metadata", c.metadata());
        }
        if (c.act() != null) {
            claims.setClaim("act", c.act());
        }
        String json = claims.toJson();
        return json.substring(0, json.length() - 1) + ",";
    }

    private String sign(String payload) {
        SigningKeys.ActiveKey key = keys.active();
        CompactSigner current = signer;
        if (current == null || current.key() != key) {
            current = new CompactSigner(key, config.jwtType(), providers.providerFor(key.algorithm()));
            signer = current;
        }
        return current.sign(payload);
    }
}
