package dev.latchkey.auth.jwk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class SigningKeyAtRestTest {

    @Inject
    MasterKey masterKey;

    @Inject
    SigningKeys keys;

    @Test
    void privateKeyIsStoredEncryptedAndOnlyTheMasterKeyOpensIt() throws Exception {
        String kid;
        byte[] stored;
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT kid, private_key FROM signing_key")) {
            rs.next();
            kid = rs.getString("kid");
            stored = rs.getBytes("private_key");
            assertFalse(rs.next(), "one key on a fresh database");
        }
        assertEquals(keys.active().kid(), kid);
        byte[] pkcs8 = keys.active().privateKey().getEncoded();
        assertFalse(Base64.getEncoder().encodeToString(stored).contains(Base64.getEncoder().encodeToString(pkcs8)));
        assertArrayEquals(pkcs8, masterKey.decrypt(stored, kid));
        assertEquals(((ECPrivateKey) keys.active().privateKey()).getS(),
                ((ECPrivateKey) KeyAlgorithm.ES256.privateKey(masterKey.decrypt(stored, kid))).getS());

        MasterKey other = new MasterKey(Base64.getEncoder().encodeToString(new byte[32]));
        assertThrows(GeneralSecurityException.class, () -> other.decrypt(stored, kid));
        assertThrows(GeneralSecurityException.class, () -> masterKey.decrypt(stored, "another-kid"));
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kid", org.hamcrest.Matchers.equalTo(kid));
    }
}
