package dev.latchkey.token.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * With nothing configured (the defaults), config.json names nothing, so the page uses its own origin for both services
 * and offers no sign-in, and the page may call its own origin only.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class PortalPageUnconfiguredTest {

    @Test
    void configJsonIsEmptyWithoutSignIn() {
        given().get(PortalRoutes.CONFIG_PATH).then().statusCode(200)
                .body("$", aMapWithSize(0));
    }

    @Test
    void thePageMayCallOnlyItsOwnOrigin() {
        given().get(PortalRoutes.CONFIG_PATH).then()
                .header("Content-Security-Policy", containsString("connect-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }
}
