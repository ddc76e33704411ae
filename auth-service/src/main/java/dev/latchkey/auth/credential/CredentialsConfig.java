package dev.latchkey.auth.credential;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The memory of credentials already checked (ADR 0010). */
@ConfigMapping(prefix = "latchkey.credentials")
public interface CredentialsConfig {

    /** How many checked credentials are remembered. */
    @WithDefault("100000")
    long cacheSize();

    /** How long a checked credential is remembered after it was checked. */
    @WithDefault("PT10M")
    Duration cacheTtl();
}
