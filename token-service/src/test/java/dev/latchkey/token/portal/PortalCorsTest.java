package dev.latchkey.token.portal;

import dev.latchkey.common.testing.CorsProbe;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With latchkey.portal.origins set, the page may call token-service from those origins, and from no other. */
@QuarkusTest
@TestProfile(PortalCorsTest.PortalOrigins.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class PortalCorsTest {

    static final String PATH = "/tenants/00000000-0000-4000-8000-0000000000aa/tokens";

    public static class PortalOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(CorsProbe.portalAllowed());
            config.put("latchkey.portal.rbac-url", PortalPageTest.RBAC_URL);   // PortalPageTest shares this profile
            config.put("latchkey.portal.auth-url", PortalPageTest.AUTH_URL);
            config.put("latchkey.portal.sign-in.authority", PortalPageTest.AUTHORITY);
            config.put("latchkey.portal.sign-in.client-id", PortalPageTest.CLIENT_ID);
            config.put("latchkey.portal.sign-in.audience", PortalPageTest.AUDIENCE);
            return config;
        }
    }

    @Test
    void aConfiguredOriginGetsTheAllowHeaders() {
        CorsProbe.assertConfiguredOriginsAllowed(PATH);
    }

    @Test
    void anyOtherOriginGetsNone() {
        CorsProbe.assertOtherOriginsRefused(PATH);
    }
}
