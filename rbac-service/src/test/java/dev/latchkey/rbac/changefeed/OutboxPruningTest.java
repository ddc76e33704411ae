package dev.latchkey.rbac.changefeed;

import static dev.latchkey.rbac.RbacApi.internal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.changefeed.OutboxPruner;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox is pruned by age (ADR 0006) and the feed reads on as before: cursors stay monotonic, head stays. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class OutboxPruningTest {

    @Inject
    OutboxPruner pruner;

    static long insert(String type, String age) throws SQLException {
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO outbox (type, data, created_at) VALUES ('" + type
                        + "', '{}', now() - interval '" + age + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Long> stored(List<Long> ids) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (Connection c = PostgresResource.server().connect(PostgresResource.database());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM outbox ORDER BY id")) {
            while (rs.next()) {
                if (ids.contains(rs.getLong(1))) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    static JsonPath read(long after) {
        return internal().get("/internal/changes?after=" + after + "&limit=1000").then().statusCode(200).extract().jsonPath();
    }

    void pruneNow() {
        // a scheduled run on this replica may hold the lock for a moment; then this one does nothing, so ask again
        for (int attempt = 0; attempt < 3; attempt++) {
            pruner.prune().await().indefinitely();
        }
    }

    @Test
    void rowsOlderThanTheRetentionGoNewerOnesAndTheNewestStayAndTheFeedReadsOn() throws Exception {
        long old1 = insert("test.old-1", "8 days");
        long old2 = insert("test.old-2", "8 days");
        long recent = insert("test.recent", "6 days");
        long newestButOld = insert("test.old-newest", "8 days");
        List<Long> mine = List.of(old1, old2, recent, newestButOld);

        pruneNow();

        assertEquals(List.of(recent, newestButOld), stored(mine), "the old rows go; the recent one and the newest stay");
        // a cursor older than the oldest remaining row gets the rows that remain, in order
        JsonPath fromBefore = read(old1 - 1);
        assertEquals(List.of("test.recent", "test.old-newest"), fromBefore.getList("changes.type", String.class));
        assertEquals(List.of(recent, newestButOld), fromBefore.getList("changes.cursor", Long.class));
        assertEquals(newestButOld, fromBefore.getLong("head"));
        assertEquals(newestButOld, fromBefore.getLong("cursor"));
        // a consumer that had read up to a pruned row reads on from it without skipping or repeating
        assertEquals(List.of(recent, newestButOld), read(old2).getList("changes.cursor", Long.class));
        JsonPath caughtUp = read(newestButOld);
        assertTrue(caughtUp.getList("changes").isEmpty());
        assertEquals(newestButOld, caughtUp.getLong("head"), "head survives the prune");
        assertEquals(newestButOld, caughtUp.getLong("cursor"));

        // once a newer row exists, the old one is no longer the newest and goes too; cursors keep rising
        long next = insert("test.next", "0 seconds");
        assertTrue(next > newestButOld);
        pruneNow();
        assertEquals(List.of(recent, next), stored(List.of(old1, old2, recent, newestButOld, next)));
        assertEquals(List.of(next), read(newestButOld).getList("changes.cursor", Long.class));
        assertEquals(next, read(next).getLong("head"));
    }
}
