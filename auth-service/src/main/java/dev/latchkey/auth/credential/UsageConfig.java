package dev.latchkey.auth.credential;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How uses of credentials reach token-service. */
@ConfigMapping(prefix = "latchkey.usage")
public interface UsageConfig {

    /** How often {@code lastUsedAt} and failed uses are sent to token-service in one batch. */
    @WithDefault("5s")
    Duration flushEvery();
}
