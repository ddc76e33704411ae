package dev.latchkey.auth.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.KeyAlgorithm;
import dev.latchkey.auth.jwk.SigningKeys;
import dev.latchkey.auth.jwk.SigningProvider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies JWTs this service issued (for introspection and revocation): signature by a published key, iss, aud, exp.
 * The key set is read once per change of the published keys, and signatures are checked by the provider that signs
 * (ADR 0009): the JDK's own ECDSA verifies about ten times slower than it. A JWT found valid is remembered until it
 * expires (at most {@value #REMEMBERED} of them, forgotten when the published keys change), with what introspection
 * answers about it ({@link VerifiedJwt}): a gateway introspects the same JWT at every call its client makes with it,
 * and parsing, verifying and describing it again would say nothing new. Only
 * valid JWTs are remembered, so garbage cannot fill the memory; what may have voided one since (revocation, a change)
 * is judged at every call by the caller.
 */
@Singleton
public class JwtVerifier {

    private final AuthConfig config;
    private final SigningKeys keys;
    private final SigningProvider providers;
    private final ObjectMapper json;
    /** The consumer built for the key set it was built from; rebuilt only when the published keys change. */
    private volatile Built built;

    private static final int REMEMBERED = 10_000;
    private static final int CLOCK_SKEW_SECONDS = 5;

    private record Built(String jwks, JwtConsumer consumer, Cache<String, VerifiedJwt> valid) {
    }

    public JwtVerifier(AuthConfig config, SigningKeys keys, SigningProvider providers, ObjectMapper json) {
        this.config = config;
        this.keys = keys;
        this.providers = providers;
        this.json = json;
    }

    /** The verified JWT, or null when it is not a valid, unexpired one of ours. */
    public VerifiedJwt verify(String jwt) {
        Built current = built();
        VerifiedJwt known = current.valid().getIfPresent(jwt);
        if (known != null) {
            return Instant.now().getEpochSecond() < known.until() ? known : null;
        }
        try {
            JwtClaims claims = current.consumer().processToClaims(jwt);
            VerifiedJwt verified = VerifiedJwt.of(claims, claims.getExpirationTime().getValue() + CLOCK_SKEW_SECONDS, json);
            current.valid().put(jwt, verified);
            return verified;
        } catch (InvalidJwtException | MalformedClaimException e) {
            return null;
        }
    }

    /** A JwtConsumer is thread-safe once built: parsing the key set per call would cost more than the signature check. */
    private Built built() {
        String jwks = keys.jwks();
        Built current = built;
        if (current != null && current.jwks() != jwks && current.jwks().equals(jwks)) {
            // a reload hands over an equal set as a new string: keep the consumer, compare by identity from then on
            current = new Built(jwks, current.consumer(), current.valid());
            built = current;
        } else if (current == null || current.jwks() != jwks) {
            try {
                List<JsonWebKey> published = new JsonWebKeySet(jwks).getJsonWebKeys();
                current = new Built(jwks, new JwtConsumerBuilder()
                        .setVerificationKeyResolver(new JwksVerificationKeyResolver(published))
                        .setExpectedIssuer(config.issuer())
                        .setExpectedAudience(config.audience())
                        .setRequireExpirationTime()
                        .setRequireJwtId()
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                        .setJwsProviderContext(providerFor(published))
                        .build(),
                        Caffeine.newBuilder().maximumSize(REMEMBERED).expireAfterWrite(Duration.ofMinutes(10))
                                .<String, VerifiedJwt>build());
            } catch (JoseException e) {
                throw new IllegalStateException("the published key set cannot be read", e);
            }
            built = current;
        }
        return current;
    }

    /** The provider that signs every algorithm of the key set, when one does; else the JDK's (any provider can verify). */
    private ProviderContext providerFor(List<JsonWebKey> published) {
        ProviderContext context = new ProviderContext();
        List<String> chosen = published.stream()
                .map(jwk -> Arrays.stream(KeyAlgorithm.values()).filter(a -> a.jwsName().equals(jwk.getAlgorithm())).findFirst())
                .map(algorithm -> algorithm.map(providers::providerFor).orElse(null)).distinct().toList();
        if (chosen.size() == 1 && chosen.get(0) != null) {
            context.getSuppliedKeyProviderContext().setSignatureProvider(chosen.get(0));
            context.getGeneralProviderContext().setSignatureProvider(chosen.get(0));
        }
        return context;
    }
}
