package dev.latchkey.rbac;

import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Generated SDKs send {@code Accept: application/problem+json}, sometimes alone (common's ProblemAcceptFilter): they
 * get JSON on success, 204 on a delete, and problem+json on an error, never a 406.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class ContentNegotiationTest {

    @Test
    void aClientAcceptingOnlyProblemJsonGetsJsonOnSuccess() {
        String tenant = createTenant(unique("Accept "));
        RbacApi.asVendor().accept(Problem.MEDIA_TYPE).get("/tenants/" + tenant)
                .then().statusCode(200).contentType("application/json").body("id", equalTo(tenant));
        RbacApi.asVendor().accept(Problem.MEDIA_TYPE).get("/tenants")
                .then().statusCode(200).contentType("application/json");
    }

    @Test
    void aClientAcceptingOnlyProblemJsonCanDelete() {
        String tenant = createTenant(unique("Accept "));
        RbacApi.asVendor().accept(Problem.MEDIA_TYPE).delete("/tenants/" + tenant)
                .then().statusCode(204).body(emptyString());
    }

    @Test
    void errorsStayProblemJson() {
        RbacApi.asVendor().accept(Problem.MEDIA_TYPE).get("/tenants/" + UUID.randomUUID())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
        RbacApi.asVendor().accept(Problem.MEDIA_TYPE).body("{\"name\":\"\"}").post("/tenants")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:latchkey:problem:validation"));
    }

    @Test
    void aClientAcceptingNeitherStillGets406() {
        RbacApi.asVendor().accept("text/html").get("/tenants")
                .then().statusCode(406).contentType(Problem.MEDIA_TYPE);
    }
}
