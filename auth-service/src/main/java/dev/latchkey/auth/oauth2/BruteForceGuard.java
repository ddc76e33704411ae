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
    private final Duration window;

    public BruteForceGuard(
            @ConfigProperty(name = "latchkey.brute-force.slow-after", defaultValue = "5") int slowAfter,
            @ConfigProperty(name = "latchkey.brute-force.refuse-after", defaultValue = "20") int refuseAfter,
            @ConfigProperty(name = "latchkey.brute-force.window", defaultValue = "PT1M") Duration window) {
        this.slowAfter = slowAfter;
        this.refuseAfter = refuseAfter;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(window).build();
    }

    public Verdict check(String clientId, String source) {
        int count = Math.max(count("client:" + clientId), count("source:" + source));
        if (count >= refuseAfter) {
            return new Verdict(true, Duration.ZERO, window.toSeconds());
        }
        if (count >= slowAfter) {
            long millis = Math.min(2000, 100L * (count - slowAfter + 1));
            return new Verdict(false, Duration.ofMillis(millis), 0);
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
