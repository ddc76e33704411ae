package dev.latchkey.auth.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows, then refuses, the SOURCE of repeated failures, which is the guesser (ADR 0010). Per client id, failures are
 * only answered late: client ids are public and secrets have 256 bits, so refusing a client id would buy nothing
 * against guessing and would let anyone lock out any client; a correct secret is never refused or delayed because
 * of other people's failures. Counts live in a window that starts at the first failure and ends by itself; a success
 * does not reset them.
 */
@Singleton
public class BruteForceGuard {

    /** What to do with a request before its check: go on (after {@code delay}), or refuse for {@code retryAfterSeconds}. */
    public record Verdict(boolean refused, Duration delay, long retryAfterSeconds) {
        static final Verdict GO = new Verdict(false, Duration.ZERO, 0);
    }

    private final Cache<String, AtomicInteger> failures;
    private final int clientSlowAfter;
    private final int sourceSlowAfter;
    private final int sourceRefuseAfter;
    private final Duration maxDelay;
    private final Duration window;

    @Inject
    public BruteForceGuard(BruteForceConfig config) {
        this(config.slowAfter(), config.refuseAfter(), config.sourceFactor(), config.maxDelay(), config.window());
    }

    /**
     * @param slowAfter    failures of one client id after which its further failures are answered late; a source is
     *                     slowed after {@code slowAfter * sourceFactor}
     * @param refuseAfter  a source is refused after {@code refuseAfter * sourceFactor} failures
     * @param sourceFactor many clients share an address behind a NAT or a gateway, so an address may fail this many
     *                     times more often before it is slowed or refused
     */
    BruteForceGuard(int slowAfter, int refuseAfter, int sourceFactor, Duration maxDelay, Duration window) {
        this.clientSlowAfter = slowAfter;
        this.sourceSlowAfter = slowAfter * sourceFactor;
        this.sourceRefuseAfter = refuseAfter * sourceFactor;
        this.maxDelay = maxDelay;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(window).build();
    }

    /** Before a check: refuse or slow a source that has failed too often. */
    public Verdict check(String source) {
        int address = count("source:", source);
        if (address >= sourceRefuseAfter) {
            return new Verdict(true, Duration.ZERO, window.toSeconds());
        }
        Duration delay = delay(address - sourceSlowAfter);
        return delay.isZero() ? Verdict.GO : new Verdict(false, delay, 0);
    }

    /** After a failed check: how late to answer, for the failures of this client id (never for a success). */
    public Duration failureDelay(String clientId) {
        return delay(count("client:", clientId) - clientSlowAfter);
    }

    public void failed(String clientId, String source) {
        if (clientId != null) {
            failures.asMap().computeIfAbsent("client:" + clientId, k -> new AtomicInteger()).incrementAndGet();
        }
        if (source != null) {
            failures.asMap().computeIfAbsent("source:" + source, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** 50 ms for the first failure over the limit, 50 ms more for each one after, at most {@code max-delay}. */
    private Duration delay(int over) {
        if (over < 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofMillis(50L * (over + 1));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private int count(String kind, String key) {
        if (key == null) {
            return 0;
        }
        AtomicInteger n = failures.getIfPresent(kind + key);
        return n == null ? 0 : n.get();
    }
}
