package dev.latchkey.auth.oauth2;

import static dev.latchkey.auth.oauth2.GrantsTest.clientCredentials;
import static dev.latchkey.auth.oauth2.GrantsTest.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.auth.refresh.RefreshTokens;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Refresh tokens are bound to their client, end with the secret they were made with, and are spent exactly once. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class RefreshTokenGrantTest {

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Pool pool;

    static String[] refreshableClient() {
        return TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("Rt", "audit.read"));
    }

    static String offline(String[] client) {
        return clientCredentials(client[0], client[1], "offline_access").getString("refresh_token");
    }

    @Test
    void aRefreshWithoutClientAuthenticationIsInvalidClientAndSpendsNothing() {
        String[] client = refreshableClient();
        String rt = offline(client);
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", rt).post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", rt).formParam("client_id", client[0])
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        refresh(client, rt).post("/oauth/token").then().statusCode(200);
    }

    @Test
    void anotherClientCannotRedeemAndSpendsNothing() {
        String[] client = refreshableClient();
        String[] stranger = refreshableClient();
        String rt = offline(client);
        refresh(stranger, rt).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        // client_secret_post works as well as Basic
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", rt)
                .formParam("client_id", client[0]).formParam("client_secret", client[1])
                .post("/oauth/token").then().statusCode(200);
    }

    @Test
    void aRollWithoutGraceEndsTheFamiliesAtOnce() {
        String[] client = refreshableClient();
        String rt = offline(client);
        String[] rolled = {client[0], TokenServiceStub.roll(client[0], client[1], Duration.ZERO)};
        refresh(rolled, rt).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertEquals(0, refreshTokens.liveCount(UUID.fromString(client[2])).await().indefinitely(), "the family is deleted");
        // a family made with the new secret lives on
        refresh(rolled, offline(rolled)).post("/oauth/token").then().statusCode(200);
    }

    @Test
    void aRollWithGraceEndsTheOldFamiliesWhenTheGraceEnds() throws Exception {
        String[] client = refreshableClient();
        String before = offline(client);
        String[] rolled = {client[0], TokenServiceStub.roll(client[0], client[1], Duration.ofSeconds(3))};
        // during the grace the old family still works (with either secret) and a new family is made with the old secret
        String next = refresh(rolled, before).post("/oauth/token").then().statusCode(200).extract().path("refresh_token");
        String madeInGrace = offline(client);
        String after = offline(rolled);
        Thread.sleep(3500);
        refresh(rolled, next).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(rolled, madeInGrace).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(rolled, after).post("/oauth/token").then().statusCode(200);
    }

    @Test
    void reuseIsRecognisedAsLongAsTheFamilyLives() throws Exception {
        String[] client = refreshableClient();
        String rt1 = offline(client);
        String rt2 = refresh(client, rt1).post("/oauth/token").then().statusCode(200).extract().path("refresh_token");
        // two days later, after the hourly clean-up, the spent one presented again still ends the family
        pool.preparedQuery("UPDATE refresh_token SET used_at = used_at - interval '2 days' WHERE token_id = $1")
                .execute(Tuple.of(UUID.fromString(client[2]))).await().indefinitely();
        refreshTokens.prune().await().indefinitely();
        refresh(client, rt1).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, rt2).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        GrantsTest.awaitFailure(client[2], "REFRESH_REUSED");
    }

    @Test
    void ofTwoConcurrentRedeemsExactlyOneWinsAndTheFamilyEnds() throws Exception {
        // two threads of our own: the common pool has a single thread on a 2-core machine, which would not race
        ExecutorService racing = Executors.newFixedThreadPool(2);
        try {
            race(racing);
        } finally {
            racing.shutdownNow();
        }
    }

    private void race(ExecutorService racing) {
        for (int round = 0; round < 10; round++) {
            String[] client = refreshableClient();
            String rt = offline(client);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<io.restassured.response.Response>> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return refresh(client, rt).post("/oauth/token");
                }, racing));
            }
            start.countDown();
            List<io.restassured.response.Response> answers = racers.stream().map(CompletableFuture::join).toList();
            List<Integer> statuses = answers.stream().map(io.restassured.response.Response::statusCode).sorted().toList();
            assertEquals(List.of(200, 400), statuses, "round " + round);
            String winnersNext = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow()
                    .jsonPath().getString("refresh_token");
            if (winnersNext != null) {
                refresh(client, winnersNext).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
            }
            assertEquals(0, refreshTokens.liveCount(UUID.fromString(client[2])).await().indefinitely(), "round " + round);
        }
    }
}
