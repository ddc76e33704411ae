package dev.latchkey.common.changefeed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a publishing service keeps its outbox (ADR 0006). */
@ConfigMapping(prefix = "latchkey.outbox")
public interface OutboxConfig {

    /**
     * Outbox rows older than this are deleted (the newest row always stays). At least
     * {@code latchkey.revocation.max-jwt-lifetime}: followers replay the feeds from their start to learn which JWTs
     * are void, so a change that can still void a live JWT must stay readable.
     */
    @WithDefault("P7D")
    Duration retention();

    /** How often a replica tries to prune; one replica at a time does it. */
    @WithDefault("1h")
    String pruneEvery();

    /** Rows deleted per transaction, so that a large backlog never holds one long transaction. */
    @WithDefault("1000")
    int pruneBatchSize();
}
