package dev.latchkey.token.portal;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dynamic parts of the API Tokens page, both made from {@link PortalPageConfig}: {@code /portal/config.json},
 * where the page finds rbac-service, auth-service and the identity provider it signs in with, and the page's
 * {@code Content-Security-Policy}, which lets it call exactly those. The page itself is static (the
 * {@code latchkey-portal} jar's {@code META-INF/resources/portal}), and it is not an API: no contract, no
 * authentication, nothing secret. Its static headers are {@code quarkus.http.filter.portal.*}.
 */
@ApplicationScoped
public class PortalRoutes {

    public static final String CONFIG_PATH = "/portal/config.json";
    /** Every path of the page, as {@code quarkus.http.filter.portal.matches} names it too. */
    static final String PAGE_PATHS = "/portal(/.*)?";

    void register(@Observes Router router, PortalPageConfig config) {
        String policy = ContentSecurityPolicy.of(config);
        router.routeWithRegex(PAGE_PATHS).order(Integer.MIN_VALUE).handler(context -> {
            context.response().putHeader("Content-Security-Policy", policy);
            context.next();
        });
        String json = configJson(config).encode();
        router.get(CONFIG_PATH).handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(json));
    }

    /** {@code {rbacUrl, authUrl, signIn: {authority, clientId, scope, audience}}}, each only when configured. */
    private static JsonObject configJson(PortalPageConfig config) {
        JsonObject body = new JsonObject();
        config.rbacUrl().ifPresent(url -> body.put("rbacUrl", url));
        config.authUrl().ifPresent(url -> body.put("authUrl", url));
        PortalPageConfig.SignIn signIn = config.signIn();
        if (signIn.enabled()) {
            JsonObject json = new JsonObject().put("authority", signIn.authority().orElseThrow())
                    .put("clientId", signIn.clientId().orElseThrow()).put("scope", signIn.scope());
            signIn.audience().ifPresent(audience -> json.put("audience", audience));
            body.put("signIn", json);
        }
        return body;
    }
}
