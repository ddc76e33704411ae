package dev.latchkey.auth.jwk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rotating the master key: the new one as {@code latchkey.auth.master-key}, the old one in
 * {@code latchkey.auth.previous-master-keys}; at start the signing keys move to the new one, in one transaction.
 */
@QuarkusTest
@TestProfile(MasterKeyRotationTest.WithPreviousMasterKey.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class MasterKeyRotationTest {

    static final String OLD = Base64.getEncoder().encodeToString("an-old-master-key-rotated-away!!".getBytes());
    static final String STRANGER = Base64.getEncoder().encodeToString("a-master-key-nobody-configured!!".getBytes());

    public static class WithPreviousMasterKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.auth.previous-master-keys", OLD);
        }
    }

    @Inject
    SigningKeys keys;

    @Inject
    AuthConfig config;

    private final List<String> inserted = new ArrayList<>();

    /** A retired-looking key (signs_from long past, so never the active one) sealed under {@code sealedWith}. */
    String insertKeySealedUnder(String sealedWith, byte[][] pkcs8) throws Exception {
        KeyPair pair = KeyAlgorithm.ES256.generate();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
        jwk.setKeyId(kid);
        pkcs8[0] = pair.getPrivate().getEncoded();
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                PreparedStatement s = c.prepareStatement("INSERT INTO signing_key (kid, algorithm, public_jwk, private_key,"
                        + " created_at, signs_from) VALUES (?, 'ES256', ?, ?, '2000-01-01 00:00:00+00', '2000-01-01 00:00:00+00')")) {
            s.setString(1, kid);
            s.setString(2, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            s.setBytes(3, new MasterKey(sealedWith).encrypt(pkcs8[0], kid));
            s.executeUpdate();
        }
        inserted.add(kid);
        return kid;
    }

    static byte[] stored(String kid) throws SQLException {
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                PreparedStatement s = c.prepareStatement("SELECT private_key FROM signing_key WHERE kid = ?")) {
            s.setString(1, kid);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), kid);
                return rs.getBytes(1);
            }
        }
    }

    @AfterEach
    void removeInsertedKeys() throws SQLException {
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                Statement s = c.createStatement()) {
            for (String kid : inserted) {
                s.executeUpdate("DELETE FROM signing_key WHERE kid = '" + kid + "'");
            }
        }
        inserted.clear();
    }

    @Test
    void keysSealedUnderAPreviousMasterKeyAreReEncryptedUnderTheCurrentOneAtStart() throws Throwable {
        MasterKey current = new MasterKey(config.masterKey());
        MasterKey old = new MasterKey(OLD);
        String activeKid = keys.active().kid();
        byte[] activeBefore = stored(activeKid);
        byte[][] pkcs8 = new byte[1][];
        String kid = insertKeySealedUnder(OLD, pkcs8);
        assertThrows(GeneralSecurityException.class, () -> current.decrypt(stored(kid), kid));

        VertxContextSupport.subscribeAndAwait(keys::prepare);

        byte[] after = stored(kid);
        assertArrayEquals(pkcs8[0], current.decrypt(after, kid), "the same private key, now under the current master key");
        assertThrows(GeneralSecurityException.class, () -> old.decrypt(after, kid), "no longer under the old one");
        assertArrayEquals(activeBefore, stored(activeKid), "a key already under the current master key is left alone");
        VertxContextSupport.subscribeAndAwait(keys::reload);
        assertEquals(activeKid, keys.active().kid());
        assertTrue(keys.jwks().contains(kid), "still published");
    }

    @Test
    void aKeyNoConfiguredMasterKeyOpensStopsTheStartNamingItAndTheKeysAndChangesNothing() throws Throwable {
        byte[][] pkcs8 = new byte[1][];
        String underOld = insertKeySealedUnder(OLD, pkcs8);
        byte[] underOldBefore = stored(underOld);
        String lost = insertKeySealedUnder(STRANGER, pkcs8);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(keys::prepare));

        String message = refused.getMessage();
        assertTrue(message.contains(lost), message);
        assertFalse(message.contains(underOld), "only the keys that cannot be opened are named: " + message);
        assertTrue(message.contains("latchkey.auth.master-key"), message);
        assertTrue(message.contains("latchkey.auth.previous-master-keys"), message);
        for (String material : List.of(OLD, STRANGER, config.masterKey())) {
            assertFalse(message.contains(material), "no key material in the message");
        }
        assertArrayEquals(underOldBefore, stored(underOld), "one transaction: nothing was re-encrypted");
    }
}
