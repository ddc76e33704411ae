package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A neighbour that fails or hangs (ADR 0016): the exchange answers RFC 6749 {@code temporarily_unavailable} with
 * {@code Retry-After}, never a 500, and gives up on a hung neighbour after its short timeouts instead of waiting for it.
 * Feeds are off in tests, so every exchange asks both neighbours, as it does while a feed is stale.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class NeighbourOutageTest {

    /** Far longer than any timeout on the exchange's path (750 ms read): a caller must never wait this long. */
    static final Duration HUNG = Duration.ofSeconds(10);

    @AfterEach
    void clear() {
        RbacStub.FAULT.clear();
        TokenServiceStub.FAULT.clear();
    }

    static String[] tenantClient() {
        return TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("reader", "tokens.tenant.read"));
    }

    static ValidatableResponse exchange(String[] client) {
        return given().header("Authorization", TokenEndpointTest.basic(client[0], client[1]))
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token").then();
    }

    static void assertTemporarilyUnavailable(ValidatableResponse response) {
        response.statusCode(503).contentType("application/json").header("Retry-After", "1")
                .body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    void rightsThatCannotBeFetchedAreTemporarilyUnavailableNotAnInternalError() {
        String[] client = tenantClient();
        exchange(client).statusCode(200);
        for (int status : new int[] {500, 503}) {
            RbacStub.FAULT.failWith(status);
            assertTemporarilyUnavailable(exchange(client));
        }
        RbacStub.FAULT.clear();
        exchange(client).statusCode(200);
    }

    @Test
    void aHungRbacServiceIsGivenUpOnInsteadOfWaitedFor() {
        String[] client = tenantClient();
        RbacStub.FAULT.stall(HUNG);
        long started = System.nanoTime();
        assertTemporarilyUnavailable(exchange(client));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < HUNG.toMillis() / 2, "the exchange waited " + tookMillis + " ms for a hung rbac-service");
    }

    @Test
    void aHungOrFailingTokenServiceIsGivenUpOnInsteadOfWaitedFor() {
        String[] client = tenantClient();
        TokenServiceStub.FAULT.failWith(500);
        assertTemporarilyUnavailable(exchange(client));
        TokenServiceStub.FAULT.clear();
        TokenServiceStub.FAULT.stall(HUNG);
        long started = System.nanoTime();
        assertTemporarilyUnavailable(exchange(client));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < HUNG.toMillis() / 2, "the exchange waited " + tookMillis + " ms for a hung token-service");
    }
}
