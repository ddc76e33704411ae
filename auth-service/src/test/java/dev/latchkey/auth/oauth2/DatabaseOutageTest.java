package dev.latchkey.auth.oauth2;

import static dev.latchkey.auth.oauth2.GrantsTest.clientCredentials;
import static dev.latchkey.auth.oauth2.GrantsTest.refresh;
import static io.restassured.RestAssured.given;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.internal.ServiceCredentialFilter;
import dev.latchkey.common.testing.DatabaseOutage;
import dev.latchkey.common.testing.RestartablePostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running auth-service and starts again: a refresh-token grant and an introspection of a
 * refresh token answer RFC 6749 temporarily_unavailable (503, Retry-After), the change feed answers 503 problem+json,
 * readiness goes DOWN; once PostgreSQL is back the very same refresh token is redeemed (a retry after a 503 is not
 * reuse), without a restart.
 */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class DatabaseOutageTest {

    private static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void anOutageAnswersTemporarilyUnavailableAndTheServiceRecoversByItself() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("Outage", "audit.read"));
        String refreshToken = clientCredentials(client[0], client[1], "offline_access").getString("refresh_token");
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);

        DatabaseOutage.stopDatabase();
        try {
            DatabaseOutage.assertOAuthError("POST /oauth/token (refresh_token)",
                    () -> refresh(client, refreshToken).post("/oauth/token"));
            DatabaseOutage.assertOAuthError("POST /oauth/token (client_credentials, offline_access)",
                    () -> given().auth().preemptive().basic(client[0], client[1])
                            .formParam("grant_type", "client_credentials").formParam("scope", "offline_access")
                            .post("/oauth/token"));
            DatabaseOutage.assertOAuthError("POST /oauth/introspect", () -> introspect(refreshToken));
            DatabaseOutage.assertProblem("GET /internal/changes", DatabaseOutageTest::changes);
            DatabaseOutage.awaitReadiness(ready, false, DatabaseOutage.MAX_ANSWER);
        } finally {
            DatabaseOutage.startDatabase();
        }
        DatabaseOutage.awaitSuccess("POST /oauth/token (refresh_token)",
                () -> refresh(client, refreshToken).post("/oauth/token"), DatabaseOutage.RECOVERY);
        DatabaseOutage.awaitReadiness(ready, true, DatabaseOutage.RECOVERY);
        changes().then().statusCode(200);
    }

    private static Response introspect(String token) {
        return given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("token", token).post("/oauth/introspect");
    }

    private static Response changes() {
        return given().header(ServiceCredentialFilter.HEADER, SERVICE_CREDENTIAL).get("/internal/changes");
    }
}
