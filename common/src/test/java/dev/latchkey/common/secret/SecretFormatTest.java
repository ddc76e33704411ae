package dev.latchkey.common.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretFormatTest {

    @Test
    void generatedSecretsHavePrefixLengthAndValidChecksum() {
        for (SecretKind kind : SecretKind.values()) {
            String secret = SecretFormat.generate(kind);
            assertTrue(secret.startsWith(kind.prefix()));
            assertEquals(6 + 43 + 6, secret.length());
            assertTrue(secret.substring(6).chars().allMatch(c -> Base62.ALPHABET.indexOf(c) >= 0));
            assertTrue(SecretFormat.isWellFormed(kind, secret));
        }
    }

    @Test
    void everyMistypedCharacterIsCaughtByTheChecksum() {
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        for (int i = 6; i < secret.length(); i++) {
            char c = secret.charAt(i);
            char other = c == 'a' ? 'b' : 'a';
            String typo = secret.substring(0, i) + other + secret.substring(i + 1);
            assertFalse(SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, typo), "typo at " + i);
        }
    }

    @Test
    void wrongKindTruncatedOrForeignAlphabetIsRefused() {
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        assertFalse(SecretFormat.isWellFormed(SecretKind.ACCESS_KEY, secret));
        assertFalse(SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, secret.substring(0, secret.length() - 1)));
        assertFalse(SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, secret.substring(0, 20) + "-" + secret.substring(21)));
        assertFalse(SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, null));
    }

    @Test
    void secretsAndClientIdsAreUnique() {
        assertNotEquals(SecretFormat.generate(SecretKind.ACCESS_KEY), SecretFormat.generate(SecretKind.ACCESS_KEY));
        String id = SecretFormat.newClientId();
        assertTrue(SecretFormat.isClientId(id));
        assertNotEquals(id, SecretFormat.newClientId());
        assertFalse(SecretFormat.isClientId("lk_ci_short"));
    }

    @Test
    void hashIsKeyedByThePepperAndComparedWhole() {
        String pepper = Base64.getEncoder().encodeToString(new byte[32]);
        String otherPepper = Base64.getEncoder().encodeToString("another pepper of thirty-two by!".getBytes());
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        SecretHasher hasher = new SecretHasher(pepper);
        byte[] stored = hasher.hash(secret);
        assertEquals(32, stored.length);
        assertTrue(hasher.matches(secret, stored));
        assertFalse(new SecretHasher(otherPepper).matches(secret, stored));
        assertFalse(hasher.matches(SecretFormat.generate(SecretKind.CLIENT_SECRET), stored));
    }
}
