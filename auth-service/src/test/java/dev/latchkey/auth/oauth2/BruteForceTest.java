package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The brute-force defence slows and refuses the guessing source, never the client it guesses at. The test profile
 * trusts 127.0.0.1 and 10.0.0.0/8 as proxies, so each test is its own source through X-Forwarded-For.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class BruteForceTest {

    static int attempt(String clientId, String secret, String forwardedFor) {
        return given().auth().preemptive().basic(clientId, secret).header("X-Forwarded-For", forwardedFor)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().extract().statusCode();
    }

    static String wrong() {
        return SecretFormat.generate(SecretKind.CLIENT_SECRET);
    }

    @Test
    void aStrangersFailuresNeverRefuseTheRightSecret() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("Bf", "audit.read"));
        for (int i = 0; i < 50; i++) {
            assertEquals(401, attempt(client[0], wrong(), "198.51.100.7"), "attempt " + i);
        }
        assertEquals(200, attempt(client[0], client[1], "198.51.100.8"));
        assertEquals(200, attempt(client[0], client[1], "198.51.100.7"), "slowed, not refused: 50 is below the source's limit");
    }

    @Test
    void aGuessingSourceIsRefusedWithRetryAfterAndOnlyIt() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("Bg", "audit.read"));
        int refusedAt = -1;
        for (int i = 0; i < 110 && refusedAt < 0; i++) {
            if (attempt(SecretFormat.newClientId(), wrong(), "198.51.100.9") == 429) {
                refusedAt = i;
            }
        }
        assertEquals(100, refusedAt, "refused from the 101st attempt of one source on");
        given().auth().preemptive().basic(client[0], client[1]).header("X-Forwarded-For", "198.51.100.9")
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(429)
                .header("Retry-After", equalTo("60")).body("error", equalTo("slow_down"));
        assertEquals(200, attempt(client[0], client[1], "198.51.100.10"));
    }

    @Test
    void theRightMostUntrustedForwardedAddressIsTheSource() throws Exception {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("Bh", "audit.read"));
        assertEquals(401, attempt(client[0], wrong(), "192.0.2.77, 203.0.113.9, 10.1.2.3"));
        for (int i = 0; i < 50; i++) {
            boolean seen = TokenServiceStub.USAGE.stream()
                    .flatMap(b -> StreamSupport.stream(b.path("failures").spliterator(), false))
                    .anyMatch(f -> client[0].equals(f.path("clientId").asText()) && "203.0.113.9".equals(f.path("source").asText()));
            if (seen) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(false, "the failure was not reported from 203.0.113.9");
    }
}
