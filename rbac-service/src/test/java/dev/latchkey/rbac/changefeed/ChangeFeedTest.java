package dev.latchkey.rbac.changefeed;

import static dev.latchkey.rbac.RbacApi.ADMIN;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class ChangeFeedTest {

    static long head() {
        return internal().get("/internal/changes?after=0&limit=1").then().statusCode(200).extract().jsonPath().getLong("head");
    }

    static JsonPath read(long after, int waitSeconds) {
        return internal().get("/internal/changes?after=" + after + "&waitMs=" + waitSeconds * 1000 + "&limit=1000")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aWaitingLongPollReturnsSoonAfterACommit() throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long after = head();
            CompletableFuture<JsonPath> poll = CompletableFuture.supplyAsync(() -> read(after, 20));
            Thread.sleep(300); // the poll is waiting
            assertFalse(poll.isDone());
            String tenant = createTenant("Feed " + i);
            long acknowledged = System.nanoTime();
            JsonPath page = poll.get(10, TimeUnit.SECONDS);
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledged));
            assertEquals("tenant.created", page.getString("changes[0].type"));
            assertEquals(tenant, page.getString("changes[0].tenantId"));
        }
        latencies.sort(Long::compare);
        System.out.println("Long poll wake-up after the 201 (ms, sorted): " + latencies);
        // the poll waited 20 s at most; it came back with the change, well within a second of the acknowledgement
        assertTrue(latencies.get(2) < 1000, "median wake-up " + latencies.get(2) + " ms");
    }

    @Test
    void aPollThatTimesOutLeavesTheOthersWaiting() throws Exception {
        long after = head();
        CompletableFuture<JsonPath> patient = CompletableFuture.supplyAsync(() -> read(after, 20));
        // this one gives up after a second, while the patient one waits on
        assertTrue(read(after, 1).getList("changes").isEmpty());
        assertTrue(read(after, 1).getList("changes").isEmpty(), "a timed-out poll must not break the next one");
        assertFalse(patient.isDone());
        String tenant = createTenant("After a timeout");
        assertEquals(tenant, patient.get(10, TimeUnit.SECONDS).getString("changes[0].tenantId"));
    }

    @Test
    void cursorsStrictlyIncreaseAndPagingNeitherSkipsNorRepeats() {
        long start = head();
        String tenant = createTenant("Paging");
        putUser(tenant, unique("p-"), ADMIN);
        asVendor().delete("/tenants/" + tenant).then().statusCode(204);
        JsonPath all = read(start, 0);
        List<Long> everything = all.getList("changes.cursor", Long.class);
        List<String> types = all.getList("changes.type", String.class);
        assertTrue(types.containsAll(List.of("tenant.created", "membership.added", "membership.roles-changed", "tenant.deleted")), types.toString());

        List<Long> paged = new ArrayList<>();
        long cursor = start;
        while (true) {
            JsonPath page = internal().get("/internal/changes?after=" + cursor + "&limit=1").then().extract().jsonPath();
            List<Long> got = page.getList("changes.cursor", Long.class);
            if (got.isEmpty()) {
                assertEquals(cursor, page.getLong("cursor"));
                break;
            }
            paged.addAll(got);
            cursor = page.getLong("cursor");
        }
        assertTrue(paged.size() >= everything.size());
        assertEquals(everything, paged.subList(0, everything.size()));
        for (int i = 1; i < paged.size(); i++) {
            assertTrue(paged.get(i) > paged.get(i - 1));
        }
    }

    @Test
    void aRolledBackChangeNeverAppearsAndCommitsAppearInCursorOrder() throws Exception {
        long start = head();
        try (Connection c = PostgresResource.server().connect(PostgresResource.database())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO outbox (type, data) VALUES ('test.rolled-back', '{}')");
            }
            c.rollback();
        }
        // Two writers: the first numbers its row and holds its transaction open; the second must wait for it,
        // so a reader never sees the later cursor before the earlier one commits.
        try (Connection first = PostgresResource.server().connect(PostgresResource.database());
                Connection second = PostgresResource.server().connect(PostgresResource.database())) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.execute("INSERT INTO outbox (type, data) VALUES ('test.first', '{}')");
            }
            CompletableFuture<Void> secondWrite = CompletableFuture.runAsync(() -> {
                try (Statement s = second.createStatement()) {
                    s.execute("INSERT INTO outbox (type, data) VALUES ('test.second', '{}')");
                    second.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(secondWrite.isDone(), "the second writer waits for the first");
            assertTrue(read(start, 0).getList("changes").isEmpty(), "nothing is visible before the first commits");
            first.commit();
            secondWrite.get(5, TimeUnit.SECONDS);
        }
        List<String> types = read(start, 0).getList("changes.type", String.class);
        assertEquals(List.of("test.first", "test.second"), types);
    }

    @Test
    void theFeedNeedsTheServiceCredentialAndValidParameters() {
        given().get("/internal/changes").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + JwksStub.vendorToken()).get("/internal/changes").then().statusCode(401);
        internal().get("/internal/changes?waitMs=60001").then().statusCode(400).contentType("application/problem+json");
        internal().get("/internal/changes?after=-1").then().statusCode(400);
        internal().get("/internal/changes?limit=x").then().statusCode(404);
    }
}
