package dev.latchkey.token.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The API Tokens page as token-service serves it, with everything configured: {@code /portal/config.json} names the
 * neighbours the browser calls and the identity provider it signs in with, and everything under {@code /portal/}
 * carries the page's security headers, whose {@code connect-src} allows exactly those. The page itself (the
 * latchkey-portal jar) is there only where node built it; PortalIT drives it in a browser.
 */
@QuarkusTest
@TestProfile(PortalCorsTest.PortalOrigins.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class PortalPageTest {

    static final String RBAC_URL = "https://rbac.latchkey.example";
    static final String AUTH_URL = "https://auth.latchkey.example";
    /** An issuer with a path and a non-default port, as Keycloak's realms have: the page may call its whole origin. */
    static final String AUTHORITY = "https://IdP.example:8443/realms/corp";
    static final String CLIENT_ID = "latchkey-portal";
    /** An API identifier, as Auth0 wants in the authorization request to issue a JWT access token for it. */
    static final String AUDIENCE = "https://api.vendor.example/latchkey";

    @Test
    void configJsonNamesRbacAndAuthServiceAsTheBrowserReachesThem() {
        given().get(PortalRoutes.CONFIG_PATH).then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("Cache-Control", "no-store")
                .body("rbacUrl", equalTo(RBAC_URL))
                .body("authUrl", equalTo(AUTH_URL));
    }

    @Test
    void configJsonNamesTheIdentityProviderThePageSignsInWithAndTheDefaultScope() {
        given().get(PortalRoutes.CONFIG_PATH).then().statusCode(200)
                .body("signIn.authority", equalTo(AUTHORITY))
                .body("signIn.clientId", equalTo(CLIENT_ID))
                .body("signIn.scope", equalTo("openid"))
                .body("signIn.audience", equalTo(AUDIENCE));
    }

    @Test
    void thePageMayRunOnlyItsOwnScriptsCallOnlyItsServicesAndTheIdentityProviderAndNotBeFramed() {
        given().get(PortalRoutes.CONFIG_PATH).then()
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy",
                        containsString("connect-src 'self' " + RBAC_URL + " https://idp.example:8443;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Vary", containsString("Origin"));
    }

    @Test
    void theApisCarryNoPagePolicy() {
        given().get("/tenants/00000000-0000-4000-8000-0000000000aa/tokens").then()
                .header("Content-Security-Policy", (String) null);
    }

    @Test
    void thePageAndTheElementAreServedWhereNodeBuiltThem() {
        assumeTrue(getClass().getResource("/META-INF/resources/portal/index.html") != null,
                "the latchkey-portal jar holds no page (built without node): nothing to serve");
        given().get("/portal/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString(" https://idp.example:8443;"))
                .body(containsString("<latchkey-api-tokens"));
        given().get("/portal/latchkey-api-tokens.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .body(containsString("latchkey-api-tokens"));
    }
}
