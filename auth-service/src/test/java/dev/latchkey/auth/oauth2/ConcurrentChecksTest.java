package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
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
    @Inject
    PermissionResolver rights;

    @AfterEach
    void feedsOffAgain() {
        TokenServiceStub.FAULT.clear();
        RbacStub.FAULT.clear();
        credentials.followedBy(() -> -1, () -> false);
        rights.followedBy(() -> -1, () -> false);
    }

    /** Memory trusted, as while both feeds are fresh. */
    private void feedsFresh() {
        credentials.followedBy(() -> 0, () -> true);
        rights.followedBy(() -> 0, () -> true);
    }

    private static <T> List<T> concurrently(int requests, Callable<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(request));
            }
            List<T> done = new ArrayList<>();
            for (Future<T> answer : answers) {
                done.add(answer.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsWithOneNewCredentialShareOneCheck() throws Exception {
        String key = TokenServiceStub.tenantAccessKey(UUID.randomUUID(), RbacStub.role("Burst", "audit.read"));
        feedsFresh();
        TokenServiceStub.FAULT.stall(Duration.ofMillis(300));
        int before = TokenServiceStub.ACCESS_KEY_CHECKS.get();
        List<Integer> statuses = concurrently(24, () -> IntrospectionTest.asVendor().formParam("token", key)
                .post("/oauth/introspect").then().extract().statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        // one shared check (a request that came after it ended finds the credential in memory)
        assertEquals(1, TokenServiceStub.ACCESS_KEY_CHECKS.get() - before);
        IntrospectionTest.asVendor().formParam("token", key).post("/oauth/introspect").then().statusCode(200);
        assertEquals(1, TokenServiceStub.ACCESS_KEY_CHECKS.get() - before);
    }

    /**
     * Requests that joined a shared credential check and a shared rights lookup go on to issue and store each its own
     * refresh token (a database write in each request's own context; SingleFlightTest checks that a joined request
     * is handed the answer on its own context).
     */
    @Test
    void requestsThatJoinedACheckGoOnInTheirOwnContext() throws Exception {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("Joined", "audit.read"));
        feedsFresh();
        TokenServiceStub.FAULT.stall(Duration.ofMillis(300));
        RbacStub.FAULT.stall(Duration.ofMillis(300));
        List<String> refreshTokens = concurrently(16, () -> given().auth().preemptive().basic(client[0], client[1])
                .formParam("grant_type", "client_credentials").formParam("scope", "offline_access")
                .post("/oauth/token").then().statusCode(200).extract().jsonPath().getString("refresh_token"));
        assertEquals(16, refreshTokens.stream().filter(t -> t != null && t.startsWith("lk_rt_")).distinct().count());
    }
}
