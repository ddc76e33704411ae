package dev.latchkey.rbac.reliability;

import static io.restassured.RestAssured.given;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import dev.latchkey.common.testing.DatabaseOutage;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.RestartablePostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running rbac-service and starts again: reads, writes and the change feed answer 503
 * problem+json with Retry-After at once, readiness goes DOWN, and all is well again within seconds, without a restart.
 */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
@WithTestResource(JwksStub.class)
class DatabaseOutageTest {

    private static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void anOutageAnswers503AndTheServiceRecoversByItself() {
        createTenant().then().statusCode(201);
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);

        DatabaseOutage.stopDatabase();
        try {
            DatabaseOutage.assertProblem("GET /tenants", DatabaseOutageTest::listTenants);
            DatabaseOutage.assertProblem("POST /tenants", DatabaseOutageTest::createTenant);
            DatabaseOutage.assertProblem("GET /internal/changes", DatabaseOutageTest::changes);
            DatabaseOutage.awaitReadiness(ready, false, DatabaseOutage.MAX_ANSWER);
            DatabaseOutage.assertProblem("GET /tenants, again", DatabaseOutageTest::listTenants);
        } finally {
            DatabaseOutage.startDatabase();
        }
        DatabaseOutage.awaitSuccess("POST /tenants", DatabaseOutageTest::createTenant, DatabaseOutage.RECOVERY);
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);
        listTenants().then().statusCode(200);
        changes().then().statusCode(200);
    }

    private static Response listTenants() {
        return given().auth().oauth2(JwksStub.vendorToken()).get("/tenants");
    }

    private static Response createTenant() {
        return given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"Outage Ltd\"}").post("/tenants");
    }

    private static Response changes() {
        return given().header(ServiceCredentialFilter.HEADER, SERVICE_CREDENTIAL).get("/internal/changes");
    }
}
