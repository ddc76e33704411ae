package dev.latchkey.auth.jwt;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** Verifies JWTs this service issued (for introspection and revocation): signature by a published key, iss, aud, exp. */
@ApplicationScoped
public class JwtVerifier {

    private final AuthConfig config;
    private final SigningKeys keys;
    /** The consumer built for the key set it was built from; rebuilt only when the published keys change. */
    private volatile Built built;

    private record Built(String jwks, JwtConsumer consumer) {
    }

    public JwtVerifier(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** The claims, or null when the JWT is not a valid, unexpired one of ours. */
    public JwtClaims verify(String jwt) {
        try {
            return consumer().processToClaims(jwt);
        } catch (InvalidJwtException e) {
            return null;
        }
    }

    /** A JwtConsumer is thread-safe once built: parsing the key set per call would cost more than the signature check. */
    private JwtConsumer consumer() {
        String jwks = keys.jwks();
        Built current = built;
        if (current != null && current.jwks() != jwks && current.jwks().equals(jwks)) {
            // a reload hands over an equal set as a new string: keep the consumer, compare by identity from then on
            current = new Built(jwks, current.consumer());
            built = current;
        } else if (current == null || current.jwks() != jwks) {
            try {
                current = new Built(jwks, new JwtConsumerBuilder()
                        .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                        .setExpectedIssuer(config.issuer())
                        .setExpectedAudience(config.audience())
                        .setRequireExpirationTime()
                        .setRequireJwtId()
                        .setAllowedClockSkewInSeconds(5)
                        .build());
            } catch (JoseException e) {
                throw new IllegalStateException("the published key set cannot be read", e);
            }
            built = current;
        }
        return current.consumer();
    }
}
