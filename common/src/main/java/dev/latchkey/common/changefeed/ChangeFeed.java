package dev.latchkey.common.changefeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the outbox as a change feed. The outbox trigger takes an advisory lock before it numbers a row, so rows
 * become visible in cursor order: a reader that has seen cursor N has seen every committed change before N, and a
 * cursor kept across restarts never skips or repeats one.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final Pool pool;
    private final ChangeNotifier notifier;
    private final ObjectMapper json;

    public ChangeFeed(Pool pool, ChangeNotifier notifier, ObjectMapper json) {
        this.pool = pool;
        this.notifier = notifier;
        this.json = json;
    }

    /** Changes after {@code after}; when there are none, waits up to {@code wait} for one to commit. */
    public Uni<ChangePage> read(long after, Duration wait, int limit) {
        var wakeUp = notifier.nextChange();
        return query(after, limit).flatMap(page -> {
            if (!page.changes().isEmpty() || wait.isZero() || wait.isNegative()) {
                return Uni.createFrom().item(page);
            }
            // A copy: when this poll times out, Mutiny cancels what it waits on, which must not be the future that
            // every other waiting poll shares.
            return Uni.createFrom().completionStage(wakeUp.copy())
                    .ifNoItem().after(wait).recoverWithItem((Void) null)
                    .flatMap(woken -> query(after, limit));
        });
    }

    /**
     * One statement, so one snapshot: the head is the newest row this very read could see. Read apart, a change that
     * committed between the page and the head would make a complete page look one change short, and a follower
     * behind until its next poll (ADR 0016).
     */
    private Uni<ChangePage> query(long after, int limit) {
        return pool.preparedQuery("WITH head AS (SELECT coalesce(max(id), 0) AS head FROM outbox)"
                        + " SELECT head.head, page.id, page.type, page.tenant_id, page.data::text AS data, page.created_at"
                        + " FROM head LEFT JOIN LATERAL (SELECT * FROM outbox WHERE id > $1 ORDER BY id LIMIT $2) page ON true"
                        + " ORDER BY page.id")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<Change> changes = new ArrayList<>();
                    long head = 0;
                    for (Row row : rows) {
                        head = row.getLong("head");
                        if (row.getLong("id") != null) {
                            changes.add(toChange(row));
                        }
                    }
                    long cursor = changes.isEmpty() ? after : changes.get(changes.size() - 1).cursor();
                    return new ChangePage(changes, cursor, Math.max(cursor, head));
                });
    }

    private Change toChange(Row row) {
        try {
            OffsetDateTime at = row.getOffsetDateTime("created_at");
            UUID tenant = row.getUUID("tenant_id");
            return new Change(row.getLong("id"), row.getString("type"), tenant, json.readValue(row.getString("data"), DATA),
                    at.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + row.getLong("id") + " holds invalid JSON", e);
        }
    }
}
