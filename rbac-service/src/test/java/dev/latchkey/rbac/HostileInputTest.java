package dev.latchkey.rbac;

import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.HostileInput;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation of the contract, with text PostgreSQL cannot store, huge strings and huge arrays (ADR 0011). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class HostileInputTest {

    @Test
    void noHostileInputAnswers5xxAndEveryRefusalIsProblemJson() {
        String tenant = createTenant(unique("Hostile "));
        String role = createRole(tenant, unique("Hostile"), 20, "users.read");
        RbacApi.putUser(tenant, "hostile-user", role);
        HostileInput walker = HostileInput.contract("rbac-service")
                .as(() -> RbacApi.asVendor().header(RbacApi.SERVICE_HEADER, RbacApi.SERVICE_CREDENTIAL))
                .pathValue("tenantId", tenant)
                .pathValue("roleId", role)
                .pathValue("userId", "hostile-user")
                .pathValue("key", "users.read");
        List<String> failures = walker.walk();
        assertEquals(List.of(), failures, failures.size() + " of " + walker.requests() + " requests:\n"
                + String.join("\n", failures));
    }

    @Test
    void unstorableTextIsAValidationProblemNamingTheField() {
        String tenant = createTenant(unique("Named "));
        RbacApi.asVendor().body("{\"name\":\"ok\",\"metadata\":{\"foo\":{\"bar\":[\"\\u0000\"]}}}").post("/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:validation"))
                .body("violations[0].field", equalTo("metadata.foo.bar[0]"));
        RbacApi.asVendor().body("{\"name\":\"\\ud800\"}").patch("/tenants/" + tenant)
                .then().statusCode(400).body("violations[0].field", equalTo("name"));
        RbacApi.asVendor().urlEncodingEnabled(false).get("/permissions/a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("key"));
    }

    @Test
    void anOversizedBodyIs413ProblemJson() {
        RbacApi.asVendor().body("{\"name\":\"" + "x".repeat(70_000) + "\"}").post("/tenants")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:payload-too-large"))
                .body("status", equalTo(413));
    }
}
