package dev.latchkey.common.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the revocation feeds have been read to their head: before that, no JWT can be trusted. */
@Readiness
@ApplicationScoped
public class RevocationReadiness implements HealthCheck {

    private final RevocationGuard guard;

    public RevocationReadiness(RevocationGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revocation-feeds").status(!guard.enabled() || guard.fresh()).build();
    }
}
