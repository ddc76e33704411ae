package dev.latchkey.auth.jwt;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.jwk.SigningKeys;
import dev.latchkey.auth.oauth2.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Builds and signs the JWTs auth-service issues, with the claims of SPEC "JWT claims" (ADR 0003). */
@ApplicationScoped
public class JwtIssuer {

    private final AuthConfig config;
    private final SigningKeys keys;

    public JwtIssuer(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public TokenResponse issue(TokenState token) {
        long lifetime = config.jwtLifetime().toSeconds();
        if (token.expiresAt() != null) {
            // A JWT never outlives the API token it was issued for.
            lifetime = Math.min(lifetime, Math.max(1, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()));
        }
        NumericDate now = NumericDate.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(token.userId() != null ? token.userId() : token.clientId());
        claims.setAudience(config.audience());
        claims.setIssuedAt(now);
        claims.setNotBefore(now);
        claims.setExpirationTime(NumericDate.fromSeconds(now.getValue() + lifetime));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("token_type", token.context().toLowerCase(Locale.ROOT));
        claims.setClaim("token_id", token.tokenId().toString());
        if (token.tenantId() != null) {
            claims.setClaim("tenant_id", token.tenantId().toString());
        }
        if (token.userId() != null) {
            claims.setClaim("user_id", token.userId());
        }
        claims.setClaim("roles", List.of());
        // The vendor may do everything; tenant and personal tokens get their expanded permissions (a later issue).
        claims.setClaim("permissions", "VENDOR".equals(token.context()) ? List.of("*") : List.of());
        return new TokenResponse(sign(claims), "Bearer", lifetime);
    }

    private String sign(JwtClaims claims) {
        SigningKeys.ActiveKey key = keys.active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(key.algorithm().jwsName());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing with key " + key.kid() + " failed", e);
        }
    }
}
