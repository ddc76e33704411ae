package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection and RFC 7009 revocation, for a gateway's or the vendor's credential. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class IntrospectionTest {

    static io.restassured.specification.RequestSpecification asVendor() {
        return given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET);
    }

    @Test
    void jwtsAccessKeysAndRefreshTokensAreActiveUntilDeletedOrRevoked() {
        UUID tenant = UUID.randomUUID();
        UUID role = RbacStub.role("Intro", "audit.read");
        String[] client = TokenServiceStub.tenantClient(tenant, true, role);
        var issued = GrantsTest.clientCredentials(client[0], client[1], "offline_access");
        String jwt = issued.getString("access_token");
        String refresh = issued.getString("refresh_token");
        String key = TokenServiceStub.tenantAccessKey(tenant, role);

        // RFC 7662 fields mean what they mean in the JWT: token_type, sub, client_id, scope
        asVendor().formParam("token", jwt).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("credential", equalTo("jwt"))
                .body("tenant_id", equalTo(tenant.toString())).body("token_id", equalTo(client[2]))
                .body("token_type", equalTo("tenant")).body("sub", equalTo(client[0]))
                .body("client_id", equalTo(client[0])).body("scope", equalTo("offline_access"));
        asVendor().formParam("token", key).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("credential", equalTo("access_key"))
                .body("token_type", equalTo("tenant")).body("sub", notNullValue())
                .body("client_id", notNullValue()).body("scope", equalTo("audit.read"));
        asVendor().formParam("token", refresh).post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("credential", equalTo("refresh_token"))
                .body("token_type", equalTo("tenant")).body("client_id", equalTo(client[0]))
                .body("scope", equalTo("audit.read"));
        asVendor().formParam("token", "nonsense").post("/oauth/introspect").then().statusCode(200)
                .body("active", equalTo(false));

        // revoked JWT and refresh token: inactive
        asVendor().formParam("token", jwt).post("/oauth/revoke").then().statusCode(200);
        asVendor().formParam("token", jwt).post("/oauth/introspect").then().body("active", equalTo(false));
        asVendor().formParam("token", refresh).post("/oauth/revoke").then().statusCode(200);
        asVendor().formParam("token", refresh).post("/oauth/introspect").then().body("active", equalTo(false));
        asVendor().formParam("token", key).post("/oauth/revoke").then().statusCode(400)
                .body("error", equalTo("unsupported_token_type"));

        // deleted in token-service: a fresh JWT of it is inactive, and so is the key
        String jwt2 = GrantsTest.clientCredentials(client[0], client[1], null).getString("access_token");
        TokenServiceStub.delete(client[2]);
        asVendor().formParam("token", jwt2).post("/oauth/introspect").then().body("active", equalTo(false));
    }

    @Test
    void onlyGatewaysAndTheVendorIntrospectAndATenantSeesOnlyItsOwn() {
        UUID tenant = UUID.randomUUID();
        String[] plain = TokenServiceStub.tenantClient(tenant, false, RbacStub.role("Plain", "audit.read"));
        String jwt = GrantsTest.clientCredentials(plain[0], plain[1], null).getString("access_token");
        given().auth().preemptive().basic(plain[0], plain[1]).formParam("token", jwt).post("/oauth/introspect")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("token", jwt).post("/oauth/introspect").then().statusCode(401);

        String[] gateway = TokenServiceStub.tenantClient(tenant, false, RbacStub.role("Gw", "oauth.introspect"));
        given().auth().preemptive().basic(gateway[0], gateway[1]).formParam("token", jwt).post("/oauth/introspect")
                .then().statusCode(200).body("active", equalTo(true));
        String[] foreignGateway = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("Gw2", "oauth.introspect"));
        given().auth().preemptive().basic(foreignGateway[0], foreignGateway[1]).formParam("token", jwt).post("/oauth/introspect")
                .then().statusCode(200).body("active", equalTo(false));
    }

    /** A JWT introspected while valid (and so remembered as verified) is inactive once it expires. */
    @Test
    void aRememberedJwtIsInactiveOnceItExpires() throws InterruptedException {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("Brief", "audit.read"));
        TokenServiceStub.jwtLifetime(client[2], 1);
        String jwt = GrantsTest.clientCredentials(client[0], client[1], null).getString("access_token");
        asVendor().formParam("token", jwt).post("/oauth/introspect").then().body("active", equalTo(true));
        asVendor().formParam("token", jwt).post("/oauth/introspect").then().body("active", equalTo(true));
        // one second of life, and the five seconds of clock skew verifiers allow
        Thread.sleep(7_000);
        asVendor().formParam("token", jwt).post("/oauth/introspect").then().body("active", equalTo(false));
    }

    @Test
    void aJwtIsAnsweredWithItsOwnClaimsEveryTime() throws Exception {
        UUID tenant = UUID.randomUUID();
        String[] client = TokenServiceStub.tenantClient(tenant, false, RbacStub.role("Claims", "audit.read"));
        String jwt = GrantsTest.clientCredentials(client[0], client[1], null).getString("access_token");
        ObjectMapper json = new ObjectMapper();
        JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        // the first answer verifies the JWT, the next ones come from memory: all the same, all its claims
        for (int i = 0; i < 3; i++) {
            JsonNode answer = json.readTree(asVendor().formParam("token", jwt).post("/oauth/introspect").then().statusCode(200)
                    .contentType("application/json").header("Cache-Control", "no-store").extract().asString());
            assertEquals(true, answer.get("active").asBoolean());
            assertEquals("jwt", answer.get("credential").asText());
            payload.fields().forEachRemaining(claim -> assertEquals(claim.getValue(), answer.get(claim.getKey()), claim.getKey()));
            // and scope, which defaults to its permissions
            assertEquals("audit.read", answer.get("scope").asText());
            assertEquals(payload.size() + (payload.has("scope") ? 2 : 3), answer.size(), answer.toString());
        }
    }

    @Test
    void aFormFieldIsSplitAtItsFirstEqualsAndDecodedOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID role = RbacStub.role("Split", "audit.read");
        String key = TokenServiceStub.tenantAccessKey(tenant, role);
        // RESTEasy's reader took "token=<key>=anything" as the key itself
        asVendor().contentType("application/x-www-form-urlencoded").body("token=" + key + "=anything")
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
        // an escaped part still decodes, once: "_" as %5F is the key, "%255F" is not
        String escaped = key.replace("_", "%5F");
        asVendor().contentType("application/x-www-form-urlencoded").body("token=" + escaped)
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(true));
        asVendor().contentType("application/x-www-form-urlencoded").body("token=" + key.replace("_", "%255F"))
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
        // a malformed escape is the client's mistake, and the body is not echoed
        asVendor().contentType("application/x-www-form-urlencoded").body("token=" + key + "%zz")
                .post("/oauth/introspect").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body(not(containsString(key)));
        given().contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&client_secret=%G0")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        // a charset no one knows (sent raw: RestAssured would refuse to encode it)
        HttpResponse<String> unknownCharset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=no-such-charset")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TokenServiceStub.CLIENT_ID + ":" + TokenServiceStub.SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + key)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknownCharset.statusCode());
        assertEquals("invalid_request", new ObjectMapper().readTree(unknownCharset.body()).get("error").asText());
    }
}
