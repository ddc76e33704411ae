package dev.latchkey.auth.oauth2;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Brute-force defence of the token endpoint (ADR 0010). */
@ConfigMapping(prefix = "latchkey.brute-force")
public interface BruteForceConfig {

    /** Failures of one client id in a window after which its further failures are answered late. */
    @WithDefault("5")
    int slowAfter();

    /** A source address is refused (429) from its ({@code refuse-after} x {@code source-factor})th failure in a window. */
    @WithDefault("20")
    int refuseAfter();

    /** How many times more often a source address (shared behind a NAT or gateway) may fail than one client id. */
    @WithDefault("5")
    int sourceFactor();

    /** The longest a failure is answered late. */
    @WithDefault("PT1S")
    Duration maxDelay();

    /** How long a failure counts. */
    @WithDefault("PT1M")
    Duration window();

    /** Proxies (addresses or CIDR blocks, comma-separated) whose forwarding header names the source; none by default. */
    Optional<List<String>> trustedProxies();

    /** The header a trusted proxy names the source in: {@code X-Forwarded-For} or {@code Forwarded}. */
    @WithDefault("X-Forwarded-For")
    String forwardedHeader();
}
