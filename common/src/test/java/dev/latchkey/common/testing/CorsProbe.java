package dev.latchkey.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.latchkey.common.portal.PortalOrigins;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;

/**
 * What a browser sees of a service's CORS policy (common {@link PortalOrigins}): the preflight it sends before a
 * management call with a bearer JWT and a JSON body, and the call itself.
 */
public final class CorsProbe {

    /** A portal origin the tests configure, and one they never do. */
    public static final String PORTAL = "https://portal.example.test";
    public static final String FOREIGN = "https://evil.example.test";

    private CorsProbe() {
    }

    /** Test-profile overrides that allow {@link #PORTAL} (in another case and with its default port, as written). */
    public static Map<String, String> portalAllowed() {
        return Map.of(PortalOrigins.KEY, "https://Portal.Example.test:443,http://127.0.0.1:18601");
    }

    public static ValidatableResponse preflight(String path, String origin, String method) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(path).then();
    }

    /** The preflight passes and the browser may send the call, read its answer and its Location header. */
    public static void assertAllowed(String path, String origin) {
        for (String method : PortalOrigins.METHODS) {
            preflight(path, origin, method).statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo(origin))
                    .header("Access-Control-Allow-Methods", containsString(method))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                    .header("Access-Control-Allow-Credentials", not(equalTo("true")));
        }
        // the call itself (here refused for want of a JWT): the page can read the problem and the Location header
        given().header("Origin", origin).get(path).then().statusCode(401)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", equalTo(origin))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    /**
     * Neither the preflight nor the call gives the origin an Access-Control-Allow-Origin: the browser reads nothing.
     * A client that reads it anyway (curl with an Origin header) gets a problem that says why.
     */
    public static void assertRefused(String path, String origin) {
        for (ValidatableResponse refused : List.of(preflight(path, origin, "POST"),
                given().header("Origin", origin).get(path).then())) {
            refused.statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                    .contentType("application/problem+json").body("type", equalTo(PortalOrigins.REFUSED))
                    .body("status", equalTo(403));
        }
    }

    /** With {@link #portalAllowed}: both configured origins may call, as written or as browsers send them. */
    public static void assertConfiguredOriginsAllowed(String path) {
        assertAllowed(path, PORTAL);
        assertAllowed(path, "http://127.0.0.1:18601");
    }

    /** With {@link #portalAllowed}: another origin, another port, a look-alike host get nothing. */
    public static void assertOtherOriginsRefused(String path) {
        assertRefused(path, FOREIGN);
        assertRefused(path, "http://127.0.0.1:18602");
        assertRefused(path, "https://portal.example.test.evil.example");
    }

    /** With nothing configured: no other origin may call, and the service's own host still may. */
    public static void assertNothingAllowed(String path) {
        assertRefused(path, PORTAL);
        assertRefused(path, FOREIGN);
        assertSameHostPasses(path);
    }

    /** A page served by the service itself calls it (the browser sends Origin on a POST): never refused as foreign. */
    public static void assertSameHostPasses(String path) {
        given().header("Origin", "http://localhost:" + RestAssured.port).get(path).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
