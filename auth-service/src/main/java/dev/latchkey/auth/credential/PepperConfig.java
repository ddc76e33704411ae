package dev.latchkey.auth.credential;

import dev.latchkey.common.secret.SecretHasher;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** auth-service hashes presented secrets as token-service stores them, to find what it has already checked. */
@ConfigMapping(prefix = "latchkey.secret")
public interface PepperConfig {

    /** The same pepper as token-service's (base64, at least 32 bytes): credentials are found by their HMAC. */
    String pepper();

    /** Makes the one {@link SecretHasher} of the service. */
    class HasherProducer {

        @Produces
        @Singleton
        SecretHasher hasher(PepperConfig config) {
            return new SecretHasher(config.pepper());
        }
    }
}
