package dev.latchkey.token.portal;

import dev.latchkey.common.testing.CorsProbe;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With latchkey.portal.origins unset (the default), no other origin may call token-service from a browser. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class PortalCorsUnconfiguredTest {

    @Test
    void noOriginIsAllowedWhenNoneIsConfigured() {
        CorsProbe.assertNothingAllowed(PortalCorsTest.PATH);
    }
}
