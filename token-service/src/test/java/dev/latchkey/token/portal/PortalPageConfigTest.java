package dev.latchkey.token.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sign-in is configured by an authority and a client id together; one alone fails the start, naming what is missing. */
class PortalPageConfigTest {

    @Test
    void neitherMeansNoSignIn() {
        assertFalse(signIn(null, null).enabled());
    }

    @Test
    void bothMeanSignIn() {
        assertTrue(signIn("https://idp.example/realms/corp", "latchkey-portal").enabled());
    }

    @Test
    void oneWithoutTheOtherFailsTheStart() {
        assertEquals("latchkey.portal.sign-in.authority and latchkey.portal.sign-in.client-id are set together, or neither"
                + " (client-id is missing)", assertThrows(IllegalArgumentException.class,
                        () -> signIn("https://idp.example/realms/corp", null).enabled()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signIn(null, "latchkey-portal").enabled())
                .getMessage().endsWith("(authority is missing)"));
    }

    private static PortalPageConfig.SignIn signIn(String authority, String clientId) {
        return new PortalPageConfig.SignIn() {
            @Override
            public Optional<String> authority() {
                return Optional.ofNullable(authority);
            }

            @Override
            public Optional<String> clientId() {
                return Optional.ofNullable(clientId);
            }

            @Override
            public Optional<String> audience() {
                return Optional.empty();
            }

            @Override
            public String scope() {
                return "openid";
            }
        };
    }
}
