package dev.latchkey.rbac.portal;

import dev.latchkey.common.testing.CorsProbe;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With latchkey.portal.origins set, the page may call rbac-service from those origins, and from no other. */
@QuarkusTest
@TestProfile(PortalCorsTest.PortalOrigins.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class PortalCorsTest {

    static final String PATH = "/tenants/00000000-0000-4000-8000-0000000000aa/access";

    public static class PortalOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return CorsProbe.portalAllowed();
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
