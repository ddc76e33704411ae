package dev.latchkey.token.portal;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one dynamic part of the API Tokens page: {@code /portal/config.json}, where the page finds rbac-service and
 * auth-service. The page itself is static (the {@code latchkey-portal} jar's {@code META-INF/resources/portal}), and
 * it is not an API: no contract, no authentication, nothing secret.
 */
@ApplicationScoped
public class PortalRoutes {

    public static final String CONFIG_PATH = "/portal/config.json";

    void register(@Observes Router router, PortalPageConfig config) {
        JsonObject body = new JsonObject();
        config.rbacUrl().ifPresent(url -> body.put("rbacUrl", url));
        config.authUrl().ifPresent(url -> body.put("authUrl", url));
        String json = body.encode();
        router.get(CONFIG_PATH).handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(json));
    }
}
