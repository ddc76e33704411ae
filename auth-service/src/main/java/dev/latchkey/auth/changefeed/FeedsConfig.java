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

    /** How long a poll of a feed waits for a change: a healthy feed answers at least this often (ADR 0016). */
    @WithDefault("PT0.15S")
    Duration heartbeat();

    /**
     * How long after sending the last answered poll of a feed memory filled from it is trusted: past that, or at once
     * when a poll fails, every check asks the neighbour again. Below 1 s, so that rule 4 holds whatever fails.
     */
    @WithDefault("PT0.7S")
    Duration staleAfter();
}
