package dev.latchkey.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of requests with one credential that is not in memory yet makes one check at token-service, not one per
 * request: with 24 at once and a slow token-service, each on its own queued past the read timeout (503s at the start
 * of load). Memory is trusted here as when the token feed is fresh; without a fresh feed every request asks alone.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class ConcurrentChecksTest {

    @Inject
    CredentialStore credentials;

    @AfterEach
    void feedsOffAgain() {
        TokenServiceStub.FAULT.clear();
        credentials.followedBy(() -> -1, () -> false);
    }

    @Test
    void concurrentRequestsWithOneNewCredentialShareOneCheck() throws Exception {
        String key = TokenServiceStub.tenantAccessKey(UUID.randomUUID(), RbacStub.role("Burst", "audit.read"));
        credentials.followedBy(() -> 0, () -> true);
        TokenServiceStub.FAULT.stall(Duration.ofMillis(300));
        int before = TokenServiceStub.ACCESS_KEY_CHECKS.get();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> IntrospectionTest.asVendor().formParam("token", key)
                        .post("/oauth/introspect").then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // one shared check (a request that came after it ended finds the credential in memory)
        assertEquals(1, TokenServiceStub.ACCESS_KEY_CHECKS.get() - before);
        IntrospectionTest.asVendor().formParam("token", key).post("/oauth/introspect").then().statusCode(200);
        assertEquals(1, TokenServiceStub.ACCESS_KEY_CHECKS.get() - before);
    }
}
