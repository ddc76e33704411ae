package dev.latchkey.auth.jwk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often each replica looks at the signing keys in the database (rotation itself: {@code latchkey.auth.*}). */
@ConfigMapping(prefix = "latchkey.keys")
public interface KeysConfig {

    /** How often the signing keys are reloaded, to publish keys another replica created. */
    @WithDefault("10s")
    Duration reloadEvery();

    /** How often a replica checks whether the next signing key is due. */
    @WithDefault("60s")
    Duration rotationCheckEvery();
}
