package dev.latchkey.rbac.portal;

import dev.latchkey.common.testing.CorsProbe;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With latchkey.portal.origins unset (the default), no other origin may call rbac-service from a browser. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class PortalCorsUnconfiguredTest {

    @Test
    void noOriginIsAllowedWhenNoneIsConfigured() {
        CorsProbe.assertNothingAllowed(PortalCorsTest.PATH);
    }
}
