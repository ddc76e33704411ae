package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * What every OAuth client library expects of the endpoints: OAuth errors (not problem+json, not 415) whatever body a
 * client sends, RFC 9068 access tokens, a token response that states its scope.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class OAuthConventionsTest {

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    private static final List<String> ENDPOINTS = List.of("/oauth/token", "/oauth/introspect", "/oauth/revoke");

    /** Every endpoint × every body that is not a form: 400 invalid_request as RFC 6749 JSON. */
    @Test
    void anyBodyButAFormIsAnOAuthInvalidRequest() {
        record Body(String contentType, byte[] bytes) {
        }
        List<Body> bodies = List.of(
                new Body("application/json", "{\"grant_type\":\"client_credentials\"}".getBytes(StandardCharsets.UTF_8)),
                new Body("text/plain", "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8)),
                new Body("application/xml", "<grant_type/>".getBytes(StandardCharsets.UTF_8)),
                new Body("multipart/form-data; boundary=x", "--x--".getBytes(StandardCharsets.UTF_8)),
                new Body("application/octet-stream", new byte[] {0, 1, 2}),
                new Body(null, new byte[0]));
        for (String endpoint : ENDPOINTS) {
            for (Body body : bodies) {
                var request = given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                        .body(body.bytes());
                if (body.contentType() != null) {
                    request.contentType(body.contentType());
                } else {
                    request.noContentType();
                }
                request.when().post(endpoint)
                        .then().statusCode(400)
                        .contentType("application/json")
                        .header("Cache-Control", "no-store")
                        .body("error", equalTo("invalid_request"))
                        .body("error_description", notNullValue());
            }
        }
    }

    @Test
    void aNarrowedJwtStatesItsScopeAndClientAsRfc9068Says() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID reader = RbacStub.role("ScopeReader", "audit.read", "users.read");
        String[] client = TokenServiceStub.tenantClient(tenant, true, reader);

        var narrowed = GrantsTest.clientCredentials(client[0], client[1], "users.read  audit.read");
        assertEquals("users.read audit.read", narrowed.getString("scope"));
        JwtClaims claims = TokenEndpointTest.verify(jwksUrl, narrowed.getString("access_token"));
        assertEquals("users.read audit.read", claims.getStringClaimValue("scope"));
        assertEquals(client[0], claims.getStringClaimValue("client_id"));
        assertEquals(client[0], claims.getSubject());
        assertEquals("at+jwt", TokenEndpointTest.header(narrowed.getString("access_token"), "typ"));

        // offline_access: the answer says so, beside the refresh token it came with
        var offline = GrantsTest.clientCredentials(client[0], client[1], "audit.read offline_access");
        assertEquals("audit.read offline_access", offline.getString("scope"));
        assertEquals("audit.read offline_access",
                TokenEndpointTest.verify(jwksUrl, offline.getString("access_token")).getStringClaimValue("scope"));

        var everything = GrantsTest.clientCredentials(client[0], client[1], null);
        assertFalse(everything.getMap("$").containsKey("scope"));
    }

    @Test
    void anAccessKeyJwtNamesTheKeyAsItsClient() throws Exception {
        UUID tenant = UUID.randomUUID();
        String key = TokenServiceStub.tenantAccessKey(tenant, RbacStub.role("KeyReader", "audit.read"));
        String jwt = given().formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", key).formParam("subject_token_type", TokenExchangeGrant.ACCESS_KEY)
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
        JwtClaims claims = TokenEndpointTest.verify(jwksUrl, jwt);
        assertEquals(claims.getStringClaimValue("token_id"), claims.getStringClaimValue("client_id"));
        assertEquals(claims.getStringClaimValue("token_id"), claims.getSubject());
    }

    /**
     * The size of a typical Member's JWT (ADR 0014): a personal client-credentials token of a user whose one role
     * grants the three personal-token permissions. Measured, and bounded so that a claim added carelessly shows.
     */
    @Test
    void aMembersJwtStaysCompact() throws Exception {
        UUID tenant = UUID.randomUUID();
        String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
        RbacStub.member(tenant, user, RbacStub.role("Member", "tokens.personal.read", "tokens.personal.write",
                "tokens.personal.delete"));
        String[] client = TokenServiceStub.personalClient(tenant, user);
        String jwt = GrantsTest.clientCredentials(client[0], client[1], null).getString("access_token");
        String[] parts = jwt.split("\\.");
        System.out.printf("Member JWT: %d bytes (header %d, claims %d, signature %d)%n", jwt.length(), parts[0].length(),
                parts[1].length(), parts[2].length());
        org.junit.jupiter.api.Assertions.assertTrue(jwt.length() <= 900, "Member JWT grew to " + jwt.length() + " bytes");
    }

    /** The endpoints answer JSON whatever the client accepts: an OAuth client cannot read a 406 problem. */
    @Test
    void anyAcceptGetsTheJsonAnswer() {
        for (String accept : List.of("text/html", "application/xml", ";;;", "application/problem+json;q=0")) {
            given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET).header("Accept", accept)
                    .formParam("grant_type", "client_credentials").post("/oauth/token")
                    .then().statusCode(200).contentType("application/json").body("token_type", equalTo("Bearer"));
            given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET).header("Accept", accept)
                    .formParam("token", "nonsense").post("/oauth/introspect")
                    .then().statusCode(200).contentType("application/json").body("active", equalTo(false));
        }
    }
}
