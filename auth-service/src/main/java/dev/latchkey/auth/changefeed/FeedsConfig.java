package dev.latchkey.auth.changefeed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The change feeds of token-service and rbac-service that keep auth-service's memory true (ADR 0010). */
@ConfigMapping(prefix = "latchkey.feeds")
public interface FeedsConfig {

    /** Whether the feeds are followed; without them memory is never trusted and every check asks the neighbours. */
    @WithDefault("true")
    boolean enabled();

    /** Seconds a long poll of a feed waits for a change. */
    @WithDefault("10")
    int waitSeconds();

    /** A feed silent longer than this is stale: memory filled from it is not trusted until it answers again. */
    @WithDefault("PT15S")
    Duration staleAfter();
}
