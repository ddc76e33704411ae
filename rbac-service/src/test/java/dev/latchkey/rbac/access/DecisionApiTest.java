package dev.latchkey.rbac.access;

import static dev.latchkey.rbac.RbacApi.ADMIN;
import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The questions token-service and auth-service ask, over the internal API. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class DecisionApiTest {

    @Test
    void effectiveAccessExpandsWildcardsToRegisteredKeysOnly() {
        asVendor().body("{\"key\":\"tokensx.read\",\"description\":\"a neighbour of tokens.*\"}").post("/permissions")
                .then().statusCode(201);
        String tenant = createTenant("Access Corp");
        String tokensRole = createRole(tenant, "TokenKeeper", 20, "tokens.*");
        String user = unique("u-");
        putUser(tenant, user, tokensRole, MEMBER);

        internal().get("/internal/tenants/" + tenant + "/users/" + user + "/access")
                .then().statusCode(200)
                .body("member", equalTo(true))
                .body("level", equalTo(10))
                .body("roles.key", contains("Member", "TokenKeeper"))
                .body("permissions", hasItems("tokens.tenant.write", "tokens.tenant.delete", "tokens.personal.write", "roles.read"))
                .body("permissions", not(hasItem("tokensx.read")))
                .body("permissions", not(hasItem("tokens.*")));

        String admin = unique("a-");
        putUser(tenant, admin, ADMIN);
        internal().get("/internal/tenants/" + tenant + "/users/" + admin + "/access")
                .then().statusCode(200).body("level", equalTo(0)).body("permissions", hasItems("tokensx.read", "settings.write"));

        internal().get("/internal/tenants/" + tenant + "/users/stranger/access")
                .then().statusCode(200).body("member", equalTo(false)).body("level", nullValue()).body("permissions", empty());
        internal().get("/internal/tenants/" + UUID.randomUUID() + "/users/" + user + "/access").then().statusCode(404);
    }

    @Test
    void grantCheckSaysWhichIsRefusedAndWhy() {
        String tenant = createTenant("Grant Corp");
        String other = createTenant("Elsewhere");
        String foreign = createRole(other, "Foreign", 50, "users.read");
        String user = unique("u-");
        putUser(tenant, user, MEMBER);
        String body = "{\"caller\":{\"vendor\":false,\"tenantId\":\"" + tenant + "\",\"userId\":\"" + user
                + "\",\"roleKeys\":[\"Member\"],\"permissions\":[\"tokens.tenant.read\",\"tokens.personal.read\","
                + "\"tokens.personal.write\",\"tokens.personal.delete\",\"roles.read\",\"users.read\",\"audit.read\","
                + "\"settings.read\"]},\"roleIds\":[\"" + MEMBER + "\",\"" + ADMIN + "\",\"" + foreign
                + "\"],\"permissions\":[\"tokens.personal.write\",\"tokens.tenant.write\",\"no.such.key\"]}";
        internal().body(body).post("/internal/tenants/" + tenant + "/grant-checks")
                .then().statusCode(200)
                .body("allowed", equalTo(false))
                .body("refusals.field", contains("roleIds[1]", "roleIds[1]", "roleIds[2]", "permissions[1]", "permissions[2]"))
                .body("refusals.reason", contains("LEVEL", "PERMISSION", "UNKNOWN_ROLE", "PERMISSION", "UNKNOWN_PERMISSION"));

        String allowed = "{\"caller\":{\"vendor\":false,\"tenantId\":\"" + tenant + "\",\"userId\":\"" + user
                + "\",\"roleKeys\":[\"Member\"],\"permissions\":[\"tokens.tenant.read\",\"tokens.personal.read\","
                + "\"tokens.personal.write\",\"tokens.personal.delete\",\"roles.read\",\"users.read\",\"audit.read\","
                + "\"settings.read\"]},\"roleIds\":[\"" + MEMBER + "\"],\"permissions\":[\"tokens.personal.*\"]}";
        internal().body(allowed).post("/internal/tenants/" + tenant + "/grant-checks")
                .then().statusCode(200).body("allowed", equalTo(true)).body("refusals", empty());

        // a caller of another tenant: the tenant is not found for it
        String foreignCaller = "{\"caller\":{\"vendor\":false,\"tenantId\":\"" + other + "\",\"userId\":\"" + user
                + "\",\"roleKeys\":[\"Member\"],\"permissions\":[\"tokens.tenant.read\",\"tokens.personal.read\","
                + "\"tokens.personal.write\",\"tokens.personal.delete\",\"roles.read\",\"users.read\",\"audit.read\","
                + "\"settings.read\"]},\"roleIds\":[]}";
        internal().body(foreignCaller).post("/internal/tenants/" + tenant + "/grant-checks").then().statusCode(404);
    }

    @Test
    void rolePermissionsAreLiveAndExpanded() {
        String tenant = createTenant("Live Corp");
        String role = createRole(tenant, "Reader", 30, "users.read");
        String body = "{\"roleIds\":[\"" + role + "\",\"" + MEMBER + "\",\"" + UUID.randomUUID() + "\"]}";
        internal().body(body).post("/internal/tenants/" + tenant + "/role-permissions")
                .then().statusCode(200)
                .body("permissions", hasItems("users.read", "tokens.personal.read", "tokens.personal.delete"))
                .body("unknownRoleIds.size()", equalTo(1));
        asVendor().body("{\"permissions\":[\"audit.read\"]}").patch("/tenants/" + tenant + "/roles/" + role)
                .then().statusCode(200);
        internal().body("{\"roleIds\":[\"" + role + "\"]}").post("/internal/tenants/" + tenant + "/role-permissions")
                .then().statusCode(200).body("permissions", contains("audit.read"));
    }

    @Test
    void decisionsNeedTheServiceCredential() {
        String tenant = createTenant("Closed Corp");
        io.restassured.RestAssured.given().auth().oauth2(JwksStub.vendorToken())
                .get("/internal/tenants/" + tenant + "/users/x/access").then().statusCode(401);
    }
}
