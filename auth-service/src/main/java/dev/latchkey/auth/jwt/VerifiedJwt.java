package dev.latchkey.auth.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.revocation.Revocations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/**
 * A JWT this service issued, verified, with what every later call needs of it read once: a gateway introspects the
 * same JWT at each call its client makes, and its claims cannot change. What may void it since (revocation, a
 * change, deletion) is not here: callers judge that at every call.
 *
 * @param until when it stops being valid (its exp plus the clock skew), in epoch seconds
 * @param revocation what the revocation rule (ADR 0012) looks at
 * @param introspection the JSON of an active RFC 7662 answer: the JWT's own claims, so that a field means the same in
 *        both, after {@code active} and {@code credential}; {@code scope} defaults to its permissions
 */
public record VerifiedJwt(JwtClaims claims, long until, String jti, Instant expiresAt, Revocations.Claims revocation,
        String introspection) {

    static VerifiedJwt of(JwtClaims claims, long until, ObjectMapper json) throws MalformedClaimException {
        String jti = claims.getJwtId();
        NumericDate issuedAt = claims.getIssuedAt();
        // no iat: issued at the epoch as far as cuts go, so any cut voids it (fail-safe)
        Revocations.Claims revocation = Revocations.Claims.of(jti, issuedAt == null ? 0 : issuedAt.getValue(),
                claims.getClaimValue("token_id"), claims.getClaimValue("tenant_id"), claims.getClaimValue("user_id"),
                claims.getClaimValue("roles"));
        return new VerifiedJwt(claims, until, jti, Instant.ofEpochSecond(claims.getExpirationTime().getValue()), revocation,
                introspection(claims, json));
    }

    /** The API token it was issued for (null for none or a malformed claim), as the revocation rule reads it. */
    public UUID tokenId() {
        return revocation.tokenId();
    }

    /** Its tenant (null for the vendor's or a malformed claim), as the revocation rule reads it. */
    public UUID tenantId() {
        return revocation.tenantId();
    }

    private static String introspection(JwtClaims claims, ObjectMapper json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("credential", "jwt");
        body.putAll(claims.getClaimsMap());
        if (!body.containsKey("scope") && claims.getClaimValue("permissions") instanceof List<?> permissions) {
            body.put("scope", permissions.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the claims of a verified JWT cannot be written as JSON", e);
        }
    }
}
