package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.UsageReporter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Failed uses: counted for the brute-force defence, reported to token-service's audit log in batches, logged by
 * client id only. Wraps a credential check so that its source is slowed or refused when the guard says so, a failed
 * client authentication is answered late when its client id has failed often, and an unreachable token-service or
 * database is a 503 for the caller (with Retry-After), not a 500.
 */
@Singleton
public class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private final BruteForceGuard guard;
    private final UsageReporter usage;

    public Failures(BruteForceGuard guard, UsageReporter usage) {
        this.guard = guard;
        this.usage = usage;
    }

    public <T> Uni<T> guarded(String clientId, String source, Uni<T> check) {
        BruteForceGuard.Verdict verdict = guard.check(source);
        if (verdict.refused()) {
            return Uni.createFrom().failure(OAuthError.slowDown(verdict.retryAfterSeconds()));
        }
        Uni<T> guardedCheck = check.onFailure(e -> !(e instanceof OAuthError)).transform(e -> {
            LOG.warnf("Credential check for client %s failed: %s", clientId, e.getClass().getSimpleName());
            return OAuthError.unavailable(e, "Credentials cannot be checked right now; retry shortly");
        });
        if (clientId != null) {
            // Only a failed client authentication is answered late, and only by what the source delay has not already cost.
            guardedCheck = guardedCheck.onFailure(e -> e instanceof OAuthError o && "invalid_client".equals(o.error()))
                    .call(e -> {
                        Duration late = guard.failureDelay(clientId).minus(verdict.delay());
                        return late.isNegative() || late.isZero() ? Uni.createFrom().voidItem()
                                : Uni.createFrom().voidItem().onItem().delayIt().by(late);
                    });
        }
        Uni<T> checked = guardedCheck;
        return verdict.delay().isZero() ? checked
                : Uni.createFrom().voidItem().onItem().delayIt().by(verdict.delay()).flatMap(x -> checked);
    }

    public void failed(UUID tokenId, String clientId, String reason, String source) {
        guard.failed(clientId, source);
        usage.failed(tokenId, clientId, reason, source);
        LOG.debugf("Refused client %s from %s: %s", clientId, source, reason);
    }
}
