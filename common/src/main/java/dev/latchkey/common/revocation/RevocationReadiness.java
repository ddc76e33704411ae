package dev.latchkey.common.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the revocation feeds have been replayed to their head: before that, no JWT can be judged. Once
 * caught up, a replica stays ready while a feed is briefly stale (it then answers 503 per request, ADR 0016): with a
 * stale bound under a second, readiness would otherwise flap with every hiccup of a neighbour and take replicas out of
 * their Service for what a retry fixes.
 */
@Readiness
@ApplicationScoped
public class RevocationReadiness implements HealthCheck {

    private final RevocationGuard guard;

    public RevocationReadiness(RevocationGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revocation-feeds").status(!guard.enabled() || guard.caughtUp()).build();
    }
}
