package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.LogCapture;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Secrets are shown once: never in a read, the audit log, the feed, a log line or a database dump; stored as HMAC. */
@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class TokenSecretsTest {

    @Test
    void secretsAppearOnlyInTheResponseThatMadeThem() throws Exception {
        UUID tenant = RbacStub.tenant();
        String user = TokenApi.user();
        String admin = TokenApi.admin(tenant, user);
        List<String> secrets = new ArrayList<>();
        StringBuilder everythingRead = new StringBuilder();
        try (LogCapture log = LogCapture.install()) {
            JsonPath cc = as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.ADMIN), null, null))
                    .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
            JsonPath at = as(admin).body(body("ACCESS_TOKEN", null, "\"audit.read\"", 60))
                    .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
            JsonPath personal = as(admin).body(body("ACCESS_TOKEN", null, null, null))
                    .post("/tenants/" + tenant + "/personal-tokens").then().statusCode(201).extract().jsonPath();
            secrets.add(cc.getString("clientSecret"));
            secrets.add(at.getString("accessKey"));
            secrets.add(personal.getString("accessKey"));
            String rolled = as(admin).body("{\"gracePeriodMinutes\":5}")
                    .post("/tenants/" + tenant + "/tokens/" + cc.getString("token.id") + "/roll")
                    .then().statusCode(200).extract().path("clientSecret");
            secrets.add(rolled);
            // uses, good and bad, as auth-service makes them
            internal().body("{\"clientId\":\"" + cc.getString("token.clientId") + "\",\"clientSecret\":\"" + rolled + "\"}")
                    .post("/internal/credentials/client").then().statusCode(200);
            internal().body("{\"accessKey\":\"" + at.getString("accessKey").replace('a', 'b') + "\"}")
                    .post("/internal/credentials/access-key").then().statusCode(200);

            everythingRead.append(as(admin).get("/tenants/" + tenant + "/tokens").asString())
                    .append(as(admin).get("/tenants/" + tenant + "/tokens/" + cc.getString("token.id")).asString())
                    .append(as(admin).get("/tenants/" + tenant + "/personal-tokens").asString())
                    .append(as(admin).get("/tenants/" + tenant + "/audit").asString())
                    .append(internal().get("/internal/changes?limit=1000").asString())
                    .append(log.text());

            // the stored form is HMAC-SHA-256 with the pepper
            try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                    PreparedStatement s = c.prepareStatement("SELECT secret_hash FROM api_token WHERE id = ?")) {
                s.setObject(1, UUID.fromString(at.getString("token.id")));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertArrayEquals(new SecretHasher(ConfiguredBootstrap.PEPPER).hash(at.getString("accessKey")), rs.getBytes(1));
                }
            }
        }
        try (Connection c = PostgresResource.server().connect(PostgresResource.database()); Statement s = c.createStatement()) {
            for (String table : List.of("api_token", "audit_event", "outbox")) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        everythingRead.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        String haystack = everythingRead.toString();
        for (String secret : secrets) {
            // the random part: the prefix and the checksum (the hint) may be shown
            assertFalse(haystack.contains(secret.substring(6, 49)), "a secret leaked");
        }
    }
}
