package dev.latchkey.common.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** Any text with secrets of any kind anywhere in it, glued to any neighbours: none of them survives redaction. */
    @Property(tries = 500)
    void redactionLeavesNoSecretBehind(@ForAll("noise") List<String> noise, @ForAll("secrets") List<String> secrets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.max(noise.size(), secrets.size()); i++) {
            text.append(i < noise.size() ? noise.get(i) : "").append(i < secrets.size() ? secrets.get(i) : "");
        }
        String redacted = SecretFormat.redact(text.toString());
        for (String secret : secrets) {
            // the oracle: no run of the secret's random body is left, whatever surrounds it
            assertFalse(redacted.contains(secret.substring(6, 6 + 20)), () -> "left: " + secret + " in " + redacted);
        }
    }

    /** Text with nothing secret-shaped in it is left as it is. */
    @Property(tries = 500)
    void redactionChangesNothingElse(@ForAll("noise") List<String> noise) {
        String text = String.join(" ", noise);
        assertEquals(text, SecretFormat.redact(text));
    }

    @Provide
    Arbitrary<List<String>> secrets() {
        return Arbitraries.of(SecretKind.values()).map(SecretFormat::generate).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> noise() {
        // log-like text, base62 runs and near misses of a prefix ("lk_cs" without its underscore), never a prefix
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars(Base62.ALPHABET.toCharArray()).ofMaxLength(60),
                Arbitraries.of("lk_cs", "lk_ci_abc", "lk_", "lk_at", "[token] ", "secret=", "\n"))
                .filter(s -> !s.contains("lk_cs_") && !s.contains("lk_at_") && !s.contains("lk_rt_"))
                .list().ofMaxSize(6);
    }
}
