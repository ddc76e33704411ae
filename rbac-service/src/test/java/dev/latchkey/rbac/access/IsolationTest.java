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
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation: an admin of tenant A using tenant B's ids gets exactly what a missing id gets (404, same type),
 * on every endpoint, and B is unchanged afterwards.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class IsolationTest {

    @Test
    void foreignIdsAnswerAsMissingOnesAndChangeNothing() {
        String a = createTenant("Tenant A");
        String b = createTenant("Tenant B");
        String adminA = unique("admin-a-");
        putUser(a, adminA, ADMIN);
        String roleB = createRole(b, "BRole", 20, "users.read");
        String userB = unique("user-b-");
        putUser(b, userB, MEMBER, roleB);
        String before = snapshot(b);
        String token = RbacApi.personalToken(a, adminA, "Admin");
        String missingTenant = UUID.randomUUID().toString();
        String missingRole = UUID.randomUUID().toString();

        // each call twice: with B's id, and with an id that never existed; the answers must match
        assertSame(token, (spec, t) -> spec.get("/tenants/" + t), b, missingTenant);
        assertSame(token, (spec, t) -> spec.body("{\"name\":\"x\"}").patch("/tenants/" + t), b, missingTenant);
        assertSame(token, (spec, t) -> spec.delete("/tenants/" + t), b, missingTenant);
        assertSame(token, (spec, t) -> spec.get("/tenants/" + t + "/roles"), b, missingTenant);
        assertSame(token, (spec, t) -> spec.body(roleBody("New", 50, "users.read")).post("/tenants/" + t + "/roles"), b, missingTenant);
        assertSame(token, (spec, t) -> spec.get("/tenants/" + t + "/roles/" + roleB), b, missingTenant);
        assertSame(token, (spec, t) -> spec.body("{\"name\":\"x\"}").patch("/tenants/" + t + "/roles/" + roleB), b, missingTenant);
        assertSame(token, (spec, t) -> spec.delete("/tenants/" + t + "/roles/" + roleB), b, missingTenant);
        assertSame(token, (spec, t) -> spec.get("/tenants/" + t + "/users"), b, missingTenant);
        assertSame(token, (spec, t) -> spec.get("/tenants/" + t + "/users/" + userB), b, missingTenant);
        assertSame(token, (spec, t) -> spec.body(rolesBody(MEMBER)).put("/tenants/" + t + "/users/" + userB), b, missingTenant);
        assertSame(token, (spec, t) -> spec.delete("/tenants/" + t + "/users/" + userB), b, missingTenant);

        // B's role id inside A's own tenant path: the same as a role id that never existed
        assertSame(token, (spec, r) -> spec.get("/tenants/" + a + "/roles/" + r), roleB, missingRole);
        assertSame(token, (spec, r) -> spec.body("{\"name\":\"x\"}").patch("/tenants/" + a + "/roles/" + r), roleB, missingRole);
        assertSame(token, (spec, r) -> spec.delete("/tenants/" + a + "/roles/" + r), roleB, missingRole);
        assertSame(token, (spec, r) -> spec.body(rolesBody(r)).put("/tenants/" + a + "/users/" + unique("u-")), roleB, missingRole);
        // B's user in A: unknown in A
        assertSame(token, (spec, u) -> spec.get("/tenants/" + a + "/users/" + u), userB, unique("never-"));

        assertEquals(before, snapshot(b), "tenant B changed");
    }

    private static void assertSame(String token, BiFunction<RequestSpecification, String, Response> call,
            String foreign, String missing) {
        Response f = call.apply(as(token), foreign);
        Response m = call.apply(as(token), missing);
        assertEquals(m.statusCode(), f.statusCode(), "status for a foreign id vs a missing one: " + f.asString());
        assertEquals(m.contentType(), f.contentType());
        assertEquals((Object) m.path("type"), f.path("type"));
        org.junit.jupiter.api.Assertions.assertTrue(f.statusCode() == 404 || f.statusCode() == 400,
                "a foreign id answers 404 (or 400 for a body reference), got " + f.statusCode());
    }

    private static String snapshot(String tenant) {
        return asVendor().get("/tenants/" + tenant).asString()
                + asVendor().get("/tenants/" + tenant + "/roles").asString()
                + asVendor().get("/tenants/" + tenant + "/users").asString();
    }
}
