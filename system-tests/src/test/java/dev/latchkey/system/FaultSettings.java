package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sizes of the fault suite in one place. The test command runs the CI size; {@code -Dlatchkey.faults.full=true}
 * runs the full size, and each figure has its own property for a run in between.
 *
 * <pre>
 *   ./mvnw -B verify -pl system-tests -am -Dit.test=FaultsIT -Dlatchkey.faults.full=true
 *   ./mvnw -B verify -pl system-tests -am -Dit.test=FaultsIT -Dlatchkey.faults.trials=10
 * </pre>
 *
 * @param trials          trials of the key measurement (a token deleted just before the fault) per fault
 * @param outage          how long the database stays stopped and a service stays frozen in one trial
 * @param neighbourDown   how long token-service, then rbac-service, stays stopped in the neighbour-down test
 */
record FaultSettings(int trials, Duration outage, Duration neighbourDown) {

    /** Rule 4: an acknowledged delete is refused everywhere within this, whatever fails. */
    static final Duration RULE_4 = Duration.ofSeconds(1);
    /** Any call without an answer after this hangs, which the suite counts as a failure (issue 14). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Every service is ready again within this of the database's return (issue 14). */
    static final Duration READY_AFTER_DATABASE = Duration.ofSeconds(5);
    /** A service the supervisor started again is ready within this (a JVM start on a busy 2-core machine). */
    static final Duration RESTART = Duration.ofSeconds(90);

    static FaultSettings fromSystemProperties() {
        boolean full = Boolean.getBoolean("latchkey.faults.full");
        return new FaultSettings(
                Integer.getInteger("latchkey.faults.trials", full ? 20 : 3),
                Duration.ofMillis(Long.getLong("latchkey.faults.outage-ms", full ? 6_000 : 3_000)),
                Duration.ofSeconds(Long.getLong("latchkey.faults.neighbour-down-seconds", full ? 30 : 8)));
    }

    /**
     * How long auth-service trusts its memory after its change feeds last spoke (ADR 0010): the environment's
     * {@code LATCHKEY_FEEDS_STALE_AFTER} if the suite passes one, else auth-service's own default. Read, not copied,
     * so the suite follows the services when the bound changes.
     */
    static Duration staleAfter(Path root, Map<String, String> env) {
        String configured = env.get("LATCHKEY_FEEDS_STALE_AFTER");
        if (configured != null && !configured.isBlank()) {
            return Duration.parse(configured.trim());
        }
        Path properties = root.resolve("auth-service/src/main/resources/application.properties");
        try {
            return Files.readAllLines(properties).stream()
                    .filter(line -> line.startsWith("latchkey.feeds.stale-after="))
                    .map(line -> Duration.parse(line.substring(line.indexOf('=') + 1).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no latchkey.feeds.stale-after in " + properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return trials + " trial(s) per fault, outages of " + outage.toMillis() + " ms, neighbours down "
                + neighbourDown.toSeconds() + " s";
    }
}
