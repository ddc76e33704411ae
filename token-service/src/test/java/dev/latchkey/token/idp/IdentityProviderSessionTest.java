package dev.latchkey.token.idp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.latchkey.common.testing.IdentityProviderStub;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vendor identity provider's user at token-service: its session comes from rbac-service on every call
 * ({@code POST /internal/user-sessions}, RbacGate), so its rights are the user's live ones whatever its token claims,
 * and an rbac-service that cannot answer makes the call a 503, never a 401 or a 500. The same rules against a real
 * Keycloak and the real rbac-service: system-tests IdentityProviderIT.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
@WithTestResource(IdentityProviderStub.class)
class IdentityProviderSessionTest {

    UUID tenant;
    UUID other;
    String user;

    @BeforeEach
    void setUp() {
        tenant = RbacStub.tenant();
        other = RbacStub.tenant();
        UUID keeper = RbacStub.role(tenant, "Keeper", 20, "tokens.personal.read", "tokens.personal.write");
        user = "idp-user-" + UUID.randomUUID();
        RbacStub.member(tenant, user, keeper);
        RbacStub.member(other, user, keeper);
    }

    @AfterEach
    void tearDown() {
        RbacStub.failUserSessions(false);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void theUserListsAndCreatesItsPersonalTokensWithItsLiveRights() {
        String token = IdentityProviderStub.token("corp", user, tenant.toString());
        as(token).get("/tenants/" + tenant + "/personal-tokens").then().statusCode(200);
        as(token).body("{\"type\": \"ACCESS_TOKEN\", \"description\": \"from the IdP\"}")
                .post("/tenants/" + tenant + "/personal-tokens").then().statusCode(201)
                .body("token.userId", equalTo(user));
        // no tenant-token right among its live ones, and the token's tenant only
        as(token).get("/tenants/" + tenant + "/tokens").then().statusCode(403);
        as(token).get("/tenants/" + other + "/personal-tokens").then().statusCode(404);
    }

    @Test
    void claimsNamingTheVendorOrEveryPermissionGainNothing() {
        JwtClaims claims = IdentityProviderStub.claims("corp", user, tenant.toString());
        claims.setClaim("token_type", "vendor");
        claims.setStringListClaim("permissions", "*");
        claims.setStringListClaim("roles", "Admin");
        claims.setClaim("tenant_token", true);
        String token = IdentityProviderStub.sign("corp", claims);
        as(token).get("/tenants/" + tenant + "/tokens").then().statusCode(403);
        as(token).body("{\"type\": \"ACCESS_TOKEN\", \"roleIds\": [\"" + RbacStub.ADMIN + "\"]}")
                .post("/tenants/" + tenant + "/tokens").then().statusCode(403);
        as(token).get("/tenants/" + other + "/tokens").then().statusCode(404);
    }

    @Test
    void aNonMemberHoldsNothing() {
        String token = IdentityProviderStub.token("corp", "walk-in-" + UUID.randomUUID(), tenant.toString());
        as(token).get("/tenants/" + tenant + "/personal-tokens").then().statusCode(403);
    }

    @Test
    void anRbacServiceThatCannotAnswerIsA503() {
        RbacStub.failUserSessions(true);
        as(IdentityProviderStub.token("corp", user, tenant.toString())).get("/tenants/" + tenant + "/personal-tokens")
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("1"));
    }
}
