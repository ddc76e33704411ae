package dev.latchkey.auth.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows, then refuses, repeated failures for one client id or one source address (ADR 0010). Counts live in a
 * window that starts at the first failure and ends by itself, so a legitimate client is never locked out for longer
 * than the window; a success does not reset the counter (an attacker cannot interleave a good request to clear it).
 */
@ApplicationScoped
public class BruteForceGuard {

    /** What to do with a request: go on (after {@code delay}), or refuse for {@code retryAfterSeconds}. */
    public record Verdict(boolean refused, Duration delay, long retryAfterSeconds) {
        static final Verdict GO = new Verdict(false, Duration.ZERO, 0);
    }

    private final Cache<String, AtomicInteger> failures;
    private final int slowAfter;
    private final int refuseAfter;
    private final int sourceFactor;
    private final Duration window;

    /**
     * @param sourceFactor an address may fail this many times more often than one client id: many clients share an
     *                     address behind a NAT or a gateway, and one noisy client must not lock out the others
     */
    public BruteForceGuard(
            @ConfigProperty(name = "latchkey.brute-force.slow-after", defaultValue = "5") int slowAfter,
            @ConfigProperty(name = "latchkey.brute-force.refuse-after", defaultValue = "20") int refuseAfter,
            @ConfigProperty(name = "latchkey.brute-force.source-factor", defaultValue = "5") int sourceFactor,
            @ConfigProperty(name = "latchkey.brute-force.window", defaultValue = "PT1M") Duration window) {
        this.slowAfter = slowAfter;
        this.refuseAfter = refuseAfter;
        this.sourceFactor = sourceFactor;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(window).build();
    }

    public Verdict check(String clientId, String source) {
        int client = count("client:" + clientId);
        int address = count("source:" + source);
        if (client >= refuseAfter || address >= refuseAfter * sourceFactor) {
            return new Verdict(true, Duration.ZERO, window.toSeconds());
        }
        int over = Math.max(client - slowAfter, address - slowAfter * sourceFactor);
        if (over >= 0) {
            return new Verdict(false, Duration.ofMillis(Math.min(1000, 50L * (over + 1))), 0);
        }
        return Verdict.GO;
    }

    public void failed(String clientId, String source) {
        if (clientId != null) {
            failures.asMap().computeIfAbsent("client:" + clientId, k -> new AtomicInteger()).incrementAndGet();
        }
        if (source != null) {
            failures.asMap().computeIfAbsent("source:" + source, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private int count(String key) {
        if (key.endsWith(":null")) {
            return 0;
        }
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }
}
