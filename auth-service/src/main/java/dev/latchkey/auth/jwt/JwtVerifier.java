package dev.latchkey.auth.jwt;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** Verifies JWTs this service issued (for introspection and revocation): signature by a published key, iss, aud, exp. */
@ApplicationScoped
public class JwtVerifier {

    private final AuthConfig config;
    private final SigningKeys keys;

    public JwtVerifier(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** The claims, or null when the JWT is not a valid, unexpired one of ours. */
    public JwtClaims verify(String jwt) {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(keys.jwks()).getJsonWebKeys()))
                    .setExpectedIssuer(config.issuer())
                    .setExpectedAudience(config.audience())
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .setAllowedClockSkewInSeconds(5)
                    .build()
                    .processToClaims(jwt);
        } catch (InvalidJwtException | JoseException e) {
            return null;
        }
    }
}
