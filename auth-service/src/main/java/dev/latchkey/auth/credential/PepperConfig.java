package dev.latchkey.auth.credential;

import dev.latchkey.common.secret.SecretHasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** auth-service hashes presented secrets as token-service stores them, to find what it has already checked. */
public class PepperConfig {

    /** The same pepper as token-service's {@code latchkey.secret.pepper}. */
    @Produces
    @Singleton
    SecretHasher hasher(@ConfigProperty(name = "latchkey.secret.pepper") String pepper) {
        return new SecretHasher(pepper);
    }
}
