package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.hamcrest.Matchers.equalTo;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class ExpiryTest {

    @Test
    void anExpiredTokenIsRefusedAtItsExpiryAndAnnounced() throws Exception {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        var created = as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, 5)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("token.id");
        String key = created.getString("accessKey");
        long head = internal().get("/internal/changes").then().extract().jsonPath().getLong("head");
        // five minutes pass
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                PreparedStatement s = c.prepareStatement("UPDATE api_token SET expires_at = now() WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            s.executeUpdate();
        }
        internal().body("{\"accessKey\":\"" + key + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("EXPIRED"));
        Instant start = Instant.now();
        while (!internal().get("/internal/changes?after=" + head).then().extract().jsonPath()
                .getList("changes.type", String.class).contains("token.expired")) {
            if (Duration.between(start, Instant.now()).toSeconds() > 10) {
                throw new AssertionError("the expiry was never announced");
            }
            Thread.sleep(100);
        }
        internal().get("/internal/changes?after=" + head).then()
                .body("changes.find { it.type == 'token.expired' }.data.tokenId", equalTo(id));
    }
}
