package dev.latchkey.common.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.caller.IssuerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentityProvidersTest {

    static final IssuerConfig LATCHKEY = new IssuerConfig() {
        @Override
        public Optional<String> url() {
            return Optional.of("https://auth.latchkey.example");
        }

        @Override
        public Optional<String> issuer() {
            return Optional.of("https://auth.latchkey.example");
        }
    };

    static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void theIssuerIsReadFromABearerJwtOnly() {
        assertEquals("https://kc.example/realms/corp", IdentityProviders.unverifiedIssuer(jwt("{\"iss\":\"https://kc.example/realms/corp\"}")));
        assertEquals("https://kc.example/realms/corp", IdentityProviders.unverifiedIssuer(
                jwt("{\"iss\":\"https://kc.example/realms/corp\"}").replace("Bearer ", "bearer ")));
        assertNull(IdentityProviders.unverifiedIssuer(jwt("{\"iss\": 42}")));
        assertNull(IdentityProviders.unverifiedIssuer(jwt("{\"iss\": [\"a\"]}")));
        assertNull(IdentityProviders.unverifiedIssuer(jwt("[1, 2]")));
        assertNull(IdentityProviders.unverifiedIssuer(jwt("{\"iss\":\"" + "x".repeat(IdentityProviders.MAX_TOKEN_LENGTH) + "\"}")));
        assertNull(IdentityProviders.unverifiedIssuer(null));
        assertNull(IdentityProviders.unverifiedIssuer("Basic dXNlcjpwYXNz"));
        assertNull(IdentityProviders.unverifiedIssuer("Bearer lk_at_notAJwtAtAll"));
    }

    /** Whatever a client sends as Authorization, choosing its verifier never throws: it is then simply not a provider's. */
    @Test
    void anyHeaderIsAnsweredWithoutAFailure() {
        Random random = new Random(7);
        String alphabet = "Bearer .{}\"iss:\\u0000\u0000=-_+/\uD800é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            for (int n = random.nextInt(80); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = header.toString();
            if (random.nextInt(4) == 0) {
                value = jwt(value.replace("Bearer ", ""));
            }
            String issuer = IdentityProviders.unverifiedIssuer(value);
            assertTrue(issuer == null || value.regionMatches(true, 0, "Bearer ", 0, 7), "an issuer read from " + value);
        }
    }

    @Test
    void aMisconfiguredProviderStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> providers(Map.of("My-IdP", provider("https://kc.example/realms/a", Duration.ofSeconds(10)))));
        assertThrows(IllegalStateException.class, () -> providers(Map.of("corp", provider(LATCHKEY.issuer().get(), Duration.ofSeconds(10)))));
        assertThrows(IllegalStateException.class, () -> providers(Map.of("corp", provider("https://kc.example/realms/a", Duration.ofMinutes(6)))));
        assertThrows(IllegalStateException.class, () -> providers(Map.of("a", provider("https://kc.example/realms/a", Duration.ZERO),
                "b", provider("https://kc.example/realms/a", Duration.ZERO))));
        IdentityProviders ok = providers(Map.of("corp", provider("https://kc.example/realms/a", Duration.ofMinutes(5))));
        assertEquals("corp", ok.provider("idp-corp").orElseThrow().getKey());
        assertTrue(ok.provider("Default").isEmpty());
        assertTrue(ok.provider("idp-other").isEmpty());
    }

    @Test
    void aTenantClaimWithOneValueInAListIsThatValue() {
        assertEquals("acme", IdentityProviderSessions.single(List.of("acme")));
        assertNull(IdentityProviderSessions.single(List.of("acme", "other")));
        assertNull(IdentityProviderSessions.single(List.of()));
        assertEquals("acme", IdentityProviderSessions.single("acme"));
        assertNull(IdentityProviderSessions.single(null));
    }

    static IdentityProviders providers(Map<String, IdentityProviderConfig.Provider> providers) {
        return new IdentityProviders(() -> providers, LATCHKEY);
    }

    static IdentityProviderConfig.Provider provider(String issuer, Duration skew) {
        return new IdentityProviderConfig.Provider() {
            public String issuer() {
                return issuer;
            }

            public String audience() {
                return "latchkey";
            }

            public String userClaim() {
                return "sub";
            }

            public String tenantClaim() {
                return "tenant_id";
            }

            public IdentityProviderConfig.TenantKey tenantKey() {
                return IdentityProviderConfig.TenantKey.ID;
            }

            public Duration clockSkew() {
                return skew;
            }

            public boolean jitMembership() {
                return false;
            }

            public Optional<List<String>> jitRoles() {
                return Optional.empty();
            }
        };
    }
}
