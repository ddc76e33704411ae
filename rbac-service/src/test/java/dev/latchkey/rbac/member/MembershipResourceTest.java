package dev.latchkey.rbac.member;

import dev.latchkey.rbac.RbacApi;
import static dev.latchkey.rbac.RbacApi.ADMIN;
import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.rolesBody;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class MembershipResourceTest {

    @Test
    void addListReplaceRolesAndRemoveAUser() {
        String tenant = createTenant("Members Corp");
        String auditor = createRole(tenant, "Auditor", 20, "audit.read");
        String user = "auth0|" + unique("");
        asVendor().body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + user)
                .then().statusCode(201)
                .header("Location", containsString("/tenants/" + tenant + "/users/"))
                .body("userId", equalTo(user))
                .body("roles.key", contains("Member"));
        asVendor().body(rolesBody(auditor, MEMBER)).put("/tenants/" + tenant + "/users/" + user)
                .then().statusCode(200).body("roles.key", contains("Member", "Auditor"));
        asVendor().get("/tenants/" + tenant + "/users/" + user).then().statusCode(200).body("roles", hasSize(2));

        for (int i = 0; i < 3; i++) {
            putUser(tenant, unique("more-"), MEMBER);
        }
        asVendor().get("/tenants/" + tenant + "/users?size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(4)).body("size", equalTo(2));
        asVendor().get("/tenants/" + tenant + "/users?size=2&page=1").then().statusCode(200)
                .body("items", hasSize(2)).body("items.userId", hasItem(user));

        asVendor().body(rolesBody()).put("/tenants/" + tenant + "/users/" + user).then().statusCode(200).body("roles", empty());
        asVendor().delete("/tenants/" + tenant + "/users/" + user).then().statusCode(204);
        asVendor().get("/tenants/" + tenant + "/users/" + user).then().statusCode(404);
        asVendor().delete("/tenants/" + tenant + "/users/" + user).then().statusCode(404);
    }

    @Test
    void removalIsAnnouncedAndTheUsersAccessEndsAtOnce() {
        String tenant = createTenant("Leaving Corp");
        String user = unique("leaver-");
        long before = internal().get("/internal/changes?limit=1").then().extract().jsonPath().getLong("head");
        putUser(tenant, user, ADMIN);
        asVendor().delete("/tenants/" + tenant + "/users/" + user).then().statusCode(204);
        JsonPath feed = internal().get("/internal/changes?after=" + before).then().statusCode(200).extract().jsonPath();
        List<String> types = feed.getList("changes.type", String.class);
        assertEquals(List.of("membership.added", "membership.roles-changed", "membership.removed"), types);
        assertEquals(user, feed.getString("changes[2].data.userId"), feed.prettify());
        assertEquals(tenant, feed.getString("changes[2].tenantId"));
        internal().get("/internal/tenants/" + tenant + "/users/" + user + "/access").then().statusCode(200)
                .body("member", equalTo(false)).body("permissions", empty());
        as(RbacApi.personalToken(tenant, user, "Admin")).get("/tenants/" + tenant + "/users").then().statusCode(403);
    }

    @Test
    void deletingATenantEndsItsMembershipsAndRoles() {
        String tenant = createTenant("Gone Corp");
        String role = createRole(tenant, "Temp", 30, "users.read");
        String user = unique("u-");
        putUser(tenant, user, role);
        asVendor().delete("/tenants/" + tenant).then().statusCode(204);
        internal().get("/internal/tenants/" + tenant + "/users/" + user + "/access").then().statusCode(404);
        asVendor().get("/tenants/" + tenant + "/roles/" + role).then().statusCode(404);
    }

    @Test
    void memberListsButCannotChangeUsers() {
        String tenant = createTenant("Read Corp");
        String member = unique("m-");
        putUser(tenant, member, MEMBER);
        String token = RbacApi.personalToken(tenant, member, "Member");
        as(token).get("/tenants/" + tenant + "/users").then().statusCode(200).body("items.userId", hasItem(member));
        as(token).body(rolesBody(MEMBER)).put("/tenants/" + tenant + "/users/" + unique("x-")).then().statusCode(403);
        as(token).get("/tenants/" + tenant + "/roles").then().statusCode(200).body("key", hasItem("Admin"));
    }
}
