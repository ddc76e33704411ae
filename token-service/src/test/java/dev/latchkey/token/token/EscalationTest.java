package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static org.hamcrest.Matchers.equalTo;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every path to a token stronger than its creator is refused, and nothing is created or changed. */
@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class EscalationTest {

    static final List<String> MANAGER_PERMISSIONS = List.of("tokens.tenant.read", "tokens.tenant.write",
            "tokens.tenant.delete", "tokens.personal.read", "tokens.personal.write", "users.read");

    @Test
    void createRefusesStrongerRolesUnheldPermissionsAndForeignRoles() {
        UUID tenant = RbacStub.tenant();
        UUID other = RbacStub.tenant();
        UUID manager = RbacStub.role(tenant, "Manager", 10);
        UUID foreign = RbacStub.role(other, "Foreign", 50);
        String user = TokenApi.user();
        RbacStub.member(tenant, user, manager);
        String jwt = JwksStub.personalToken(tenant.toString(), user, List.of("Manager"), MANAGER_PERMISSIONS);
        String path = "/tenants/" + tenant + "/tokens";

        as(jwt).body(body("CLIENT_CREDENTIALS", ids(RbacStub.ADMIN), null, null)).post(path)
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"))
                .body("violations[0].field", equalTo("roleIds[0]"));
        as(jwt).body(body("CLIENT_CREDENTIALS", null, "\"settings.write\"", null)).post(path)
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:permission-rule"))
                .body("violations[0].field", equalTo("permissionIds[0]"));
        as(jwt).body(body("CLIENT_CREDENTIALS", ids(foreign), null, null)).post(path)
                .then().statusCode(400).body("violations[0].field", equalTo("roleIds[0]"));
        as(jwt).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), "\"tokens.tenant.read\"", null)).post(path)
                .then().statusCode(400).body("violations[0].field", equalTo("permissionIds"));
        as(jwt).get(path).then().statusCode(200).body("total", equalTo(0));

        as(jwt).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null)).post(path).then().statusCode(201);
        as(jwt).body(body("CLIENT_CREDENTIALS", ids(manager), null, null)).post(path).then().statusCode(201);
    }

    @Test
    void updateRefusesTheSameEscalations() {
        UUID tenant = RbacStub.tenant();
        UUID manager = RbacStub.role(tenant, "Manager", 10);
        String user = TokenApi.user();
        RbacStub.member(tenant, user, manager);
        String jwt = JwksStub.personalToken(tenant.toString(), user, List.of("Manager"), MANAGER_PERMISSIONS);
        JsonPath created = as(jwt).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
        String path = "/tenants/" + tenant + "/tokens/" + created.getString("token.id");
        as(jwt).body("{\"roleIds\":[\"" + RbacStub.ADMIN + "\"]}").patch(path).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(jwt).body("{\"roleIds\":[],\"permissionIds\":[\"roles.write\"]}").patch(path).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:permission-rule"));
        as(jwt).get(path).then().statusCode(200).body("roleIds", equalTo(List.of(RbacStub.MEMBER.toString())));
    }

    @Test
    void aPersonalTokenMayOnlyNarrowItsUsersRoles() {
        UUID tenant = RbacStub.tenant();
        String user = TokenApi.user();
        String jwt = TokenApi.member(tenant, user);
        String path = "/tenants/" + tenant + "/personal-tokens";
        as(jwt).body(body("ACCESS_TOKEN", ids(RbacStub.ADMIN), null, null)).post(path).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:role-not-held"))
                .body("violations[0].field", equalTo("roleIds[0]"));
        as(jwt).body(body("ACCESS_TOKEN", null, "\"tokens.tenant.read\"", null)).post(path).then().statusCode(400);
        as(jwt).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post(path).then().statusCode(201)
                .body("token.userId", equalTo(user)).body("token.context", equalTo("PERSONAL"));
        // a Member may not create tenant tokens at all
        as(jwt).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:forbidden"));
    }

    @Test
    void theVendorAndTenantTokensCannotOwnPersonalTokens() {
        UUID tenant = RbacStub.tenant();
        as(JwksStub.vendorToken()).body(body("ACCESS_TOKEN", null, null, null))
                .post("/tenants/" + tenant + "/personal-tokens").then().statusCode(403);
    }

    /** Finding 1 of the security issue: roll, update and delete need the reach to create the token now. */
    @Test
    void managingATokenIsGrantingIt() {
        UUID tenant = RbacStub.tenant();
        UUID manager = RbacStub.role(tenant, "Manager", 10);
        String user = TokenApi.user();
        RbacStub.member(tenant, user, manager);
        String jwt = JwksStub.personalToken(tenant.toString(), user, List.of("Manager"), MANAGER_PERMISSIONS);
        String vendor = JwksStub.vendorToken();
        String admins = "/tenants/" + tenant + "/tokens/" + as(vendor).body(body("CLIENT_CREDENTIALS", ids(RbacStub.ADMIN), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().path("token.id");
        String members = "/tenants/" + tenant + "/tokens/" + as(jwt).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().path("token.id");

        as(jwt).body("{}").post(admins + "/roll").then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(jwt).body("{\"description\":\"mine now\",\"metadata\":{\"role\":\"admin\"}}").patch(admins)
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(jwt).delete(admins).then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(vendor).get(admins).then().statusCode(200).body("description", equalTo("test token"));

        as(jwt).body("{}").post(members + "/roll").then().statusCode(200);
        as(jwt).body("{\"description\":\"still mine\"}").patch(members).then().statusCode(200);
        as(jwt).delete(members).then().statusCode(204);
        as(vendor).body("{}").post(admins + "/roll").then().statusCode(200);
    }

    /** Finding 3: a personal token narrowed to Member cannot mint or become a wider one. */
    @Test
    void aNarrowedPersonalTokenCannotWidenItself() {
        UUID tenant = RbacStub.tenant();
        String user = TokenApi.user();
        RbacStub.member(tenant, user, RbacStub.ADMIN, RbacStub.MEMBER);
        String narrowed = JwksStub.personalToken(tenant.toString(), user, List.of("Member"), TokenApi.MEMBER_PERMISSIONS);
        String path = "/tenants/" + tenant + "/personal-tokens";

        as(narrowed).body(body("ACCESS_TOKEN", null, null, null)).post(path).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(narrowed).body("{\"type\":\"ACCESS_TOKEN\",\"roleIds\":[]}").post(path).then().statusCode(400)
                .body("violations[0].field", equalTo("roleIds"));
        as(narrowed).body(body("ACCESS_TOKEN", ids(RbacStub.ADMIN), null, null)).post(path).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        String own = path + "/" + as(narrowed).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post(path)
                .then().statusCode(201).body("token.allRoles", equalTo(false)).extract().path("token.id");
        as(narrowed).body("{\"roleIds\":[\"" + RbacStub.ADMIN + "\"]}").patch(own).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(narrowed).get(own).then().statusCode(200).body("roleIds", equalTo(List.of(RbacStub.MEMBER.toString())));

        // the whole user may say "all of my roles", explicitly
        String whole = JwksStub.personalToken(tenant.toString(), user, List.of("Admin", "Member"), TokenApi.ADMIN_PERMISSIONS);
        as(whole).body(body("ACCESS_TOKEN", null, null, null)).post(path).then().statusCode(201)
                .body("token.allRoles", equalTo(true)).body("token.roleIds", equalTo(List.of()));
    }

    /** A question rbac-service refuses (its 400) is the caller's 400, never a 5xx. */
    @Test
    void aNeighboursRefusalIsTheCallersBadRequest() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.user();
        RbacStub.member(tenant, admin, RbacStub.ADMIN);
        as(TokenApi.admin(tenant, admin)).queryParam("userId", "\u0001someone")
                .get("/tenants/" + tenant + "/personal-tokens").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
