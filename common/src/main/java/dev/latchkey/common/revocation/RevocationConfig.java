package dev.latchkey.common.revocation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Live revocation on the management APIs (ADR 0012): which change feeds void JWTs, and when they are stale. */
@ConfigMapping(prefix = "latchkey.revocation")
public interface RevocationConfig {

    /** Whether JWTs voided since they were issued are refused (401), learned from the change feeds of {@link #sources()}. */
    @WithDefault("false")
    boolean enabled();

    /** The change feeds to follow, {@code name=url} or {@code name=local} for the service's own, comma-separated. */
    Optional<List<String>> sources();

    /** How long a poll of a feed waits for a change: a healthy feed answers at least this often (ADR 0016). */
    @WithDefault("PT0.15S")
    Duration heartbeat();

    /**
     * How long after sending the last answered poll of a feed its word still stands: past that, or at once when a poll
     * fails, the management APIs answer 503 until it answers again. Below 1 s, so that rule 4 holds whatever fails.
     */
    @WithDefault("PT0.7S")
    Duration staleAfter();

    /** The longest JWT lifetime any settings allow: a voided JWT is remembered this long. */
    @WithDefault("PT24H")
    Duration maxJwtLifetime();
}
