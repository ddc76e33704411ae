package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
}
