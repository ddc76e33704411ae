package dev.latchkey.token.credential;

import static dev.latchkey.token.ConfiguredBootstrap.CLIENT_ID;
import static dev.latchkey.token.ConfiguredBootstrap.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.testing.LogCapture;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class SecretAtRestTest {

    @Test
    void databaseHoldsOnlyThePepperedHash() throws Exception {
        StringBuilder dump = new StringBuilder();
        byte[] stored = null;
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT t::text AS row, secret_hash, client_id FROM api_token t")) {
            while (rs.next()) {
                dump.append(rs.getString("row")).append('\n');
                if (CLIENT_ID.equals(rs.getString("client_id"))) {
                    stored = rs.getBytes("secret_hash");
                }
            }
        }
        String secretBody = SECRET.substring(6, 49);
        assertFalse(dump.toString().contains(secretBody), "the secret appears in the table dump");
        assertTrue(dump.toString().contains(CLIENT_ID));
        assertArrayEquals(new SecretHasher(ConfiguredBootstrap.PEPPER).hash(SECRET), stored,
                "stored form is HMAC-SHA-256(pepper, secret)");
        assertFalse(dump.toString().contains(HexFormat.of().formatHex(SECRET.getBytes())));
    }

    @Test
    void secretsNeverReachTheLog() {
        String wrong = SECRET.substring(0, 20) + "0" + SECRET.substring(21);
        try (LogCapture log = LogCapture.install()) {
            CredentialResourceTest.check(CLIENT_ID, SECRET).statusCode(200);
            CredentialResourceTest.check(CLIENT_ID, wrong).statusCode(200);
            CredentialResourceTest.check(CLIENT_ID + "x", SECRET).statusCode(200);
            assertFalse(log.text().contains(SECRET.substring(6, 49)), log.text());
            assertFalse(log.text().contains(wrong.substring(6, 49)), log.text());
        }
    }
}
