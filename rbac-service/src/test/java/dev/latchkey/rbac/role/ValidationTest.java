package dev.latchkey.rbac.role;

import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.roleBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class ValidationTest {

    @Test
    void badLevelsNameTheField() {
        String tenant = createTenant("Valid Corp");
        for (String level : List.of("-1", "1001", "\"ten\"", "1.5", "null")) {
            asVendor().body("{\"key\":\"K\",\"name\":\"K\",\"level\":" + level + ",\"permissions\":[]}")
                    .post("/tenants/" + tenant + "/roles")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("level"));
        }
    }

    @Test
    void duplicateKeysConflictIncludingGlobalOnes() {
        String tenant = createTenant("Dup Corp");
        createRole(tenant, "Twice", 20, "users.read");
        asVendor().body(roleBody("Twice", 30)).post("/tenants/" + tenant + "/roles")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:duplicate-key"));
        asVendor().body(roleBody("Member", 30)).post("/tenants/" + tenant + "/roles").then().statusCode(409);
        // another tenant may use the key
        createRole(createTenant("Other Dup"), "Twice", 20);
        asVendor().body("{\"key\":\"roles.read\"}").post("/permissions").then().statusCode(409);
    }

    @Test
    void unknownRoleIdsAndPermissionsNameTheField() {
        String tenant = createTenant("Unknown Corp");
        asVendor().body("{\"roleIds\":[\"" + MEMBER + "\",\"" + UUID.randomUUID() + "\"]}")
                .put("/tenants/" + tenant + "/users/someone")
                .then().statusCode(400).body("violations[0].field", equalTo("roleIds[1]"));
        asVendor().body("{\"roleIds\":[\"not-a-uuid\"]}").put("/tenants/" + tenant + "/users/someone")
                .then().statusCode(400).body("violations[0].field", equalTo("roleIds[0]"));
        asVendor().body(roleBody("P", 20, "users.read", "no.such.permission", "Bad*Pattern", "tokens.**"))
                .post("/tenants/" + tenant + "/roles")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("permissions[1]", "permissions[2]", "permissions[3]")));
        asVendor().body("{\"key\":\"Bad Key\"}").post("/permissions").then().statusCode(400)
                .body("violations[0].field", equalTo("key"));
        asVendor().body("{\"key\":\"9lives\",\"name\":\"x\",\"level\":5,\"permissions\":[]}").post("/roles")
                .then().statusCode(400).body("violations[0].field", equalTo("key"));
        asVendor().body("{\"name\":\"\"}").patch("/roles/" + MEMBER).then().statusCode(400)
                .body("violations[0].field", equalTo("name"));
    }

    @Test
    void builtInRolesStay() {
        asVendor().delete("/roles/" + MEMBER).then().statusCode(409).body("type", equalTo("urn:latchkey:problem:built-in"));
    }

    @Test
    void noInputProducesA5xx() {
        String tenant = createTenant("Junk Corp");
        String role = createRole(tenant, "Junk", 20, "users.read");
        List<String> bodies = List.of("", "null", "[]", "{}", "\"x\"", "42", "{\"name\":null}", "{\"roleIds\":null}",
                "{\"roleIds\":[null]}", "{\"permissions\":[null]}", "{\"level\":1e99}", "{\"metadata\":[1]}",
                "{\"name\":\"" + "x".repeat(10_000) + "\"}", "{\"key\":\"\\u0000\"}", "{{{", "{\"a\":",
                "{\"caller\":null}", "{\"caller\":{\"tenantId\":\"nope\"}}");
        List<String> paths = List.of("/tenants", "/tenants/" + tenant, "/tenants/" + tenant + "/roles",
                "/tenants/" + tenant + "/roles/" + role, "/tenants/" + tenant + "/users/u1", "/roles", "/roles/" + MEMBER,
                "/permissions", "/tenants/" + tenant + "/users/%00", "/tenants/%20/roles");
        for (String path : paths) {
            for (String body : bodies) {
                for (String method : List.of("POST", "PUT", "PATCH", "GET", "DELETE")) {
                    if (method.equals("DELETE") && !path.contains("%")) {
                        continue; // deleting real rows is not junk input
                    }
                    asVendor().body(body).request(method, path).then().statusCode(lessThan(500));
                }
            }
        }
        for (String body : bodies) {
            internal().body(body).post("/internal/tenants/" + tenant + "/grant-checks").then().statusCode(lessThan(500));
            internal().body(body).post("/internal/tenants/" + tenant + "/role-permissions").then().statusCode(lessThan(500));
        }
        io.restassured.RestAssured.given().auth().oauth2("not.a.jwt").get("/tenants").then().statusCode(401);
        io.restassured.RestAssured.given().header("Authorization", "Bearer").get("/tenants").then().statusCode(lessThan(500));
        io.restassured.RestAssured.given().auth().oauth2(JwksStub.vendorToken()).get("/tenants?page=999999")
                .then().statusCode(200);
    }
}
