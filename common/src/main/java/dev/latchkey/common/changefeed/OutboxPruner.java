package dev.latchkey.common.changefeed;

import dev.latchkey.common.revocation.RevocationConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows older than {@code latchkey.outbox.retention} (ADR 0006), in batches, one replica at a time
 * (a transaction-scoped advisory lock; a replica that does not get it leaves the work to the one that has it).
 *
 * <p>The newest row is never deleted: {@code head} is the largest id in the table, and a feed whose table were empty
 * would answer a head of 0, behind every consumer's cursor. Ids come from a sequence, so pruning never makes a cursor
 * go back; a cursor older than the oldest row simply reads the rows that remain.
 */
@ApplicationScoped
public class OutboxPruner {

    /** Another key than the outbox trigger's (7261002) and the signing keys' (7261001). */
    static final long LOCK = 7261003;
    private static final Logger LOG = Logger.getLogger(OutboxPruner.class);

    // Oldest first, by the primary key: in a real outbox the old rows are the lowest ids, so a batch finds them at
    // once; created_at is not indexed, and a run with nothing to prune reads the table once (hourly, small rows).
    private static final String DELETE_BATCH = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox
                WHERE created_at < now() - make_interval(secs => $1) AND id < (SELECT max(id) FROM outbox)
                ORDER BY id LIMIT $2)""";

    private final Pool pool;
    private final OutboxConfig config;
    private final Duration maxJwtLifetime;

    OutboxPruner(Pool pool, OutboxConfig config, RevocationConfig revocation) {
        this.pool = pool;
        this.config = config;
        this.maxJwtLifetime = revocation.maxJwtLifetime();
    }

    /** Refuses to start with a retention that would prune changes a live JWT can still be voided by. */
    void onStart(@Observes StartupEvent event) {
        checkRetention(config.retention(), maxJwtLifetime);
    }

    static void checkRetention(Duration retention, Duration maxJwtLifetime) {
        if (retention.compareTo(maxJwtLifetime) < 0) {
            throw new IllegalStateException("latchkey.outbox.retention (" + retention + ") must be at least"
                    + " latchkey.revocation.max-jwt-lifetime (" + maxJwtLifetime + "): the revocation followers replay"
                    + " the change feeds from their start, and a change younger than the longest JWT lifetime can"
                    + " still void a JWT (ADR 0012)");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("latchkey.outbox.retention must be positive");
        }
    }

    @Scheduled(identity = "outbox-prune", every = "${latchkey.outbox.prune-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune().invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("Pruned %d outbox row(s) older than %s", deleted, config.retention());
            }
        }).onFailure().invoke(e -> LOG.warnf("Outbox pruning failed (%s); trying again later", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes what is older than the retention, batch by batch; the number of rows deleted by this replica. */
    public Uni<Long> prune() {
        int batchSize = config.pruneBatchSize();
        return Multi.createBy().repeating().uni(this::batch).whilst(deleted -> deleted == batchSize)
                .collect().with(java.util.stream.Collectors.summingLong(Integer::longValue));
    }

    /** One batch in one transaction; 0 when another replica holds the lock. */
    private Uni<Integer> batch() {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_try_advisory_xact_lock(" + LOCK + ") AS locked").execute()
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? connection.preparedQuery(DELETE_BATCH)
                                .execute(Tuple.of((double) config.retention().toSeconds(), config.pruneBatchSize()))
                                .map(deleted -> deleted.rowCount())
                        : Uni.createFrom().item(0)));
    }
}
