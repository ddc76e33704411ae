package dev.latchkey.rbac.portal;

import dev.latchkey.common.portal.PortalConfig;
import dev.latchkey.common.portal.PortalOrigins;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * rbac-service answers the API Tokens page cross-origin, from the origins {@code latchkey.portal.origins} names and no other
 * (common {@link PortalOrigins} holds the policy). auth-service installs none: it serves no page.
 */
@ApplicationScoped
public class PortalCors {

    void install(@Observes HttpSecurity http, PortalConfig portal) {
        http.cors(PortalOrigins.cors(portal));
    }

    /** Other origins are refused with problem+json, not with the CORS filter's empty 403. */
    void refuseOthers(@Observes Filters filters, PortalConfig portal) {
        filters.register(PortalOrigins.refusal(portal), PortalOrigins.REFUSAL_PRIORITY);
    }
}
