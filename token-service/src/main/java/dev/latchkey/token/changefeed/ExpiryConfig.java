package dev.latchkey.token.changefeed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How expired tokens reach the change feed (they are refused at their expiry instant regardless). */
@ConfigMapping(prefix = "latchkey.expiry")
public interface ExpiryConfig {

    /** How often expired tokens are announced on the change feed. */
    @WithDefault("5s")
    Duration announceEvery();
}
