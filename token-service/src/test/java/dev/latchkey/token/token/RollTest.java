package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class RollTest {

    static void check(String clientId, String secret, boolean valid) {
        internal().body("{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret + "\"}")
                .post("/internal/credentials/client").then().statusCode(200).body("valid", equalTo(valid));
    }

    @Test
    void theOldSecretWorksDuringTheGracePeriodAndFailsAfter() throws Exception {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        JsonPath created = as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
        String id = created.getString("token.id");
        String clientId = created.getString("token.clientId");
        String old = created.getString("clientSecret");

        JsonPath rolled = as(admin).body("{\"gracePeriodMinutes\":60}").post("/tenants/" + tenant + "/tokens/" + id + "/roll")
                .then().statusCode(200)
                .body("token.clientId", equalTo(clientId))
                .body("token.previousSecretExpiresAt", notNullValue())
                .body("clientSecret", not(equalTo(old)))
                .extract().jsonPath();
        String fresh = rolled.getString("clientSecret");
        check(clientId, fresh, true);
        check(clientId, old, true);

        // the grace period ends (moved into the past, as an hour passing would)
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                PreparedStatement s = c.prepareStatement(
                        "UPDATE api_token SET previous_secret_expires_at = now() - interval '1 second' WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            s.executeUpdate();
        }
        check(clientId, old, false);
        check(clientId, fresh, true);
    }

    @Test
    void withoutAGracePeriodTheOldSecretFailsAtOnce() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        JsonPath created = as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
        String old = created.getString("accessKey");
        String fresh = as(admin).post("/tenants/" + tenant + "/tokens/" + created.getString("token.id") + "/roll")
                .then().statusCode(200).body("token.previousSecretExpiresAt", nullValue())
                .extract().path("accessKey");
        assertNotEquals(old, fresh);
        internal().body("{\"accessKey\":\"" + old + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("UNKNOWN"));
        internal().body("{\"accessKey\":\"" + fresh + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(true));
        as(admin).body("{\"gracePeriodMinutes\":10081}").post("/tenants/" + tenant + "/tokens/"
                + created.getString("token.id") + "/roll").then().statusCode(400)
                .body("violations[0].field", equalTo("gracePeriodMinutes"));
    }
}
