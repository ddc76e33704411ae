package dev.latchkey.rbac.access;

import dev.latchkey.rbac.RbacApi;
import static dev.latchkey.rbac.RbacApi.ADMIN;
import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.roleBody;
import static dev.latchkey.rbac.RbacApi.rolesBody;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The level rule and the permission rule, on every path a tenant caller could escalate through. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class LevelRuleTest {

    String tenant;
    String otherTenantRole;
    String managerRole;
    String manager;
    String admin;

    @BeforeEach
    void setUp() {
        tenant = createTenant("Level Corp");
        String other = createTenant("Other Corp");
        otherTenantRole = createRole(other, "Weak", 500, "roles.read");
        // Level 10, like Member, but may manage users and roles: the level rule is all that stops it.
        managerRole = createRole(tenant, "Manager", 10, "users.*", "roles.*", "tokens.*", "audit.read", "settings.read");
        manager = unique("mgr-");
        admin = unique("adm-");
        putUser(tenant, manager, managerRole);
        putUser(tenant, admin, ADMIN);
    }

    String managerToken() {
        return RbacApi.personalToken(tenant, manager, "Manager");
    }

    @Test
    void levelTenUserCannotAssignAdmin() {
        as(managerToken()).body(rolesBody(ADMIN)).put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:level-rule"))
                .body("violations[0].field", equalTo("roleIds[0]"))
                .body("violations[0].message", containsString("Admin"));
    }

    @Test
    void equalLevelIsAllowed() {
        as(managerToken()).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(201).body("roles[0].key", equalTo("Member"));
        as(managerToken()).body(roleBody("Peer", 10, "users.read")).post("/tenants/" + tenant + "/roles")
                .then().statusCode(201).body("level", equalTo(10));
    }

    @Test
    void levelTenUserCannotCreateAStrongerRole() {
        as(managerToken()).body(roleBody("Boss", 9, "users.read")).post("/tenants/" + tenant + "/roles")
                .then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"))
                .body("violations[0].field", equalTo("level"));
    }

    @Test
    void nobodyGrantsAPermissionItLacks() {
        as(managerToken()).body(roleBody("Settler", 20, "settings.write")).post("/tenants/" + tenant + "/roles")
                .then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:permission-rule"))
                .body("violations[0].field", equalTo("permissions[0]"));
        as(managerToken()).body(roleBody("Everything", 20, "*")).post("/tenants/" + tenant + "/roles")
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:permission-rule"));
        // it holds users.* and may pass on a narrower key or the same wildcard
        as(managerToken()).body(roleBody("UserReader", 20, "users.read", "tokens.*")).post("/tenants/" + tenant + "/roles")
                .then().statusCode(201);
    }

    @Test
    void anotherTenantsRoleCannotBeAssigned() {
        as(managerToken()).body(rolesBody(otherTenantRole)).put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("roleIds[0]"))
                .body("violations[0].message", equalTo("no such role in this tenant"));
        // the vendor cannot mix tenants either
        asVendor().body(rolesBody(otherTenantRole)).put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(400);
    }

    @Test
    void levelZeroUserCanAssignAdmin() {
        as(RbacApi.personalToken(tenant, admin, "Admin")).body(rolesBody(ADMIN, MEMBER))
                .put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(201).body("roles", hasSize(2)).body("roles[0].key", equalTo("Admin"));
        as(RbacApi.personalToken(tenant, admin, "Admin")).body(roleBody("Deputy", 1, "*"))
                .post("/tenants/" + tenant + "/roles").then().statusCode(201);
    }

    @Test
    void aWeakerUserCannotRemoveOrDemoteAStrongerOne() {
        as(managerToken()).delete("/tenants/" + tenant + "/users/" + admin)
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(managerToken()).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + admin)
                .then().statusCode(403).body("violations[0].field", equalTo("roleIds"))
                .body("violations[0].message", containsString("role Admin (level 0) is stronger"));
        asVendor().get("/tenants/" + tenant + "/users/" + admin).then().statusCode(200).body("roles[0].key", equalTo("Admin"));
    }

    @Test
    void aWeakerUserCannotChangeOrDeleteAStrongerRole() {
        String strong = createRole(tenant, "Strong", 5, "users.read");
        as(managerToken()).body("{\"name\":\"Renamed\"}").patch("/tenants/" + tenant + "/roles/" + strong)
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(managerToken()).delete("/tenants/" + tenant + "/roles/" + strong).then().statusCode(403);
        String weak = createRole(tenant, "Weakling", 50, "users.read");
        as(managerToken()).body("{\"level\": 3}").patch("/tenants/" + tenant + "/roles/" + weak)
                .then().statusCode(403).body("violations[0].field", equalTo("level"));
        as(managerToken()).body("{\"level\": 10, \"name\": \"Stronger\"}").patch("/tenants/" + tenant + "/roles/" + weak)
                .then().statusCode(200).body("level", equalTo(10)).body("name", equalTo("Stronger"));
        as(managerToken()).delete("/tenants/" + tenant + "/roles/" + weak).then().statusCode(204);
    }

    @Test
    void globalRolesAreReadOnlyForTenants() {
        as(RbacApi.personalToken(tenant, admin, "Admin")).body("{\"name\":\"Boss\"}")
                .patch("/tenants/" + tenant + "/roles/" + MEMBER).then().statusCode(403);
        as(RbacApi.personalToken(tenant, admin, "Admin")).body(roleBody("Global", 50))
                .post("/roles").then().statusCode(403);
        as(RbacApi.personalToken(tenant, admin, "Admin")).get("/tenants/" + tenant + "/roles/" + MEMBER)
                .then().statusCode(200).body("key", equalTo("Member"));
    }

    @Test
    void aPersonalTokenActsWithTheUsersCurrentRolesOnly() {
        // claims Admin, but the user does not hold it: the live roles decide
        as(RbacApi.personalToken(tenant, manager, "Manager", "Admin")).body(rolesBody(ADMIN))
                .put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403);
        // narrowed to a role without users.write: refused even though the user could
        String narrowed = RbacApi.personalToken(tenant, manager, "Member");
        as(narrowed).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("u-"))
                .then().statusCode(403).body("type", equalTo("urn:latchkey:problem:forbidden"));
        // once removed from the tenant, its token can do nothing there
        asVendor().delete("/tenants/" + tenant + "/users/" + manager).then().statusCode(204);
        as(managerToken()).get("/tenants/" + tenant + "/roles").then().statusCode(403);
    }

    @Test
    void aTenantTokenHasTheLevelOfItsRolesAndThePermissionsItCarries() {
        java.util.List<String> keys = asVendor().get("/permissions").then().extract().jsonPath().getList("key");
        String token = JwksStub.tenantToken(tenant, java.util.List.of("Manager"), keys);
        as(token).body(rolesBody(ADMIN)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(token).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(201);
        // narrowed by scope to three keys: it holds only those, and carries no role whose keys it lost
        String scoped = JwksStub.tenantToken(tenant, java.util.List.of("Manager"),
                java.util.List.of("users.read", "users.write", "roles.read"));
        as(scoped).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(scoped).body(roleBody("ByToken", 20, "users.read")).post("/tenants/" + tenant + "/roles").then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:forbidden"));
    }

    /** Finding 2 of the security issue: a scope-narrowed JWT of an Admin is narrow at rbac-service too. */
    @Test
    void aScopeNarrowedAdminJwtCannotManageUsersOrRoles() {
        String audit = JwksStub.personalToken(tenant, admin, java.util.List.of("Admin"), java.util.List.of("audit.read"));
        as(audit).body(rolesBody(ADMIN)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403);
        as(audit).body(roleBody("Root", 0, "*")).post("/tenants/" + tenant + "/roles").then().statusCode(403);
        String session = JwksStub.userSession(tenant, admin, java.util.List.of("Admin"), java.util.List.of("users.write"));
        as(session).body(rolesBody(ADMIN)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:level-rule"));
        as(session).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403);
    }

    /** Finding 4: giving a role needs every permission it grants, whatever its level. */
    @Test
    void aRoleCarriesThePermissionRule() {
        String wide = createRole(tenant, "WideButWeak", 500, "settings.write", "users.read");
        as(managerToken()).body(rolesBody(wide)).put("/tenants/" + tenant + "/users/" + unique("u-")).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:permission-rule"))
                .body("violations[0].message", containsString("settings.write"));
        as(managerToken()).body("{\"name\":\"x\"}").patch("/tenants/" + tenant + "/roles/" + wide).then().statusCode(403)
                .body("type", equalTo("urn:latchkey:problem:permission-rule"));
        as(managerToken()).delete("/tenants/" + tenant + "/roles/" + wide).then().statusCode(403);
    }
}
