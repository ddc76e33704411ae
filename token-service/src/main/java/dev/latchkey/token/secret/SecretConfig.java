package dev.latchkey.token.secret;

import dev.latchkey.common.secret.SecretHasher;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** How secrets are hashed at rest. */
@ConfigMapping(prefix = "latchkey.secret")
public interface SecretConfig {

    /** Base64 of at least 32 random bytes; the HMAC key of every stored secret. Changing it invalidates all secrets. */
    String pepper();

    /** Makes the one {@link SecretHasher} of the service. */
    class HasherProducer {

        @Produces
        @Singleton
        SecretHasher hasher(SecretConfig config) {
            return new SecretHasher(config.pepper());
        }
    }
}
