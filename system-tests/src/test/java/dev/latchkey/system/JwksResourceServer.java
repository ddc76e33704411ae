package dev.latchkey.system;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * A resource server that verifies Latchkey JWTs on its own, with jose4j against auth-service's live JWKS: signature,
 * issuer, audience and expiry, and no call to Latchkey per request. The journey's fallback where no gateway can run.
 */
final class JwksResourceServer implements ResourceServer {

    private final JwtConsumer consumer;

    /** Verifies JWTs of {@code issuer} against the JWKS that auth-service serves at {@code authService}. */
    JwksResourceServer(String authService, String issuer) {
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(authService + "/.well-known/jwks.json")))
                .setExpectedIssuer(issuer)
                .setExpectedAudience("latchkey")
                .setRequireExpirationTime()
                .build();
    }

    /** The verified claims of {@code jwt}. */
    JwtClaims claims(String jwt) {
        try {
            return consumer.processToClaims(jwt);
        } catch (InvalidJwtException e) {
            throw new AssertionError("the JWT was refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Seen call(String jwt) {
        JwtClaims claims = claims(jwt);
        try {
            return new Seen(claims.getSubject(), claims.getStringClaimValue("tenant_id"),
                    claims.getStringClaimValue("token_type"), claims.getStringListClaimValue("roles"),
                    claims.getStringListClaimValue("permissions"));
        } catch (MalformedClaimException e) {
            throw new AssertionError("a verified JWT with a malformed claim: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean refuses(String jwt) {
        try {
            consumer.processToClaims(jwt);
            return false;
        } catch (InvalidJwtException e) {
            return true;
        }
    }
}
