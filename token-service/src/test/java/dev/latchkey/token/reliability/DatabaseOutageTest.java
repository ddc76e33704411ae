package dev.latchkey.token.reliability;

import static io.restassured.RestAssured.given;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import dev.latchkey.common.testing.DatabaseOutage;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.RestartablePostgresResource;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running token-service and starts again: management reads and writes and the internal
 * credential check answer 503 problem+json with Retry-After at once, readiness goes DOWN, and all is well again
 * within seconds, without a restart.
 */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class DatabaseOutageTest {

    private static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";
    private static final String SETTINGS = "{\"m2mEnabled\":true,\"tokenTypes\":[\"CLIENT_CREDENTIALS\",\"ACCESS_TOKEN\"],"
            + "\"maxExpiryMinutes\":null,\"jwtLifetimeSeconds\":300,\"refreshTokensEnabled\":true}";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void anOutageAnswers503AndTheServiceRecoversByItself() {
        DatabaseOutage.awaitSuccess("GET /settings", DatabaseOutageTest::readSettings, DatabaseOutage.RECOVERY);
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);

        DatabaseOutage.stopDatabase();
        try {
            DatabaseOutage.assertProblem("GET /settings", DatabaseOutageTest::readSettings);
            DatabaseOutage.assertProblem("PUT /settings", DatabaseOutageTest::writeSettings);
            DatabaseOutage.assertProblem("GET /internal/credentials/tokens/{id}", DatabaseOutageTest::tokenState);
            DatabaseOutage.awaitReadiness(ready, false, DatabaseOutage.MAX_ANSWER);
        } finally {
            DatabaseOutage.startDatabase();
        }
        DatabaseOutage.awaitSuccess("PUT /settings", DatabaseOutageTest::writeSettings, DatabaseOutage.RECOVERY);
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);
        readSettings().then().statusCode(200);
    }

    private static Response readSettings() {
        return given().auth().oauth2(JwksStub.vendorToken()).get("/settings");
    }

    private static Response writeSettings() {
        return given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON).body(SETTINGS).put("/settings");
    }

    private static Response tokenState() {
        return given().header(ServiceCredentialFilter.HEADER, SERVICE_CREDENTIAL)
                .get("/internal/credentials/tokens/" + UUID.randomUUID());
    }
}
