package dev.latchkey.token.changefeed;

import dev.latchkey.common.changefeed.ChangeType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Announces expired tokens on the change feed. Expiry itself is checked at every use (an expired token is refused
 * at its expiry instant, announced or not); this tells auth-service to drop it from memory. Replicas share the work:
 * each claims rows with {@code SKIP LOCKED}, and marking and announcing are one statement.
 */
@ApplicationScoped
public class ExpiryAnnouncer {

    private static final Logger LOG = Logger.getLogger(ExpiryAnnouncer.class);
    private static final String ANNOUNCE = """
            WITH due AS (
                UPDATE api_token SET expiry_announced = true
                WHERE id IN (SELECT id FROM api_token
                             WHERE NOT expiry_announced AND expires_at <= now()
                             ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
                RETURNING id, tenant_id, type, context, user_id, client_id, expires_at)
            INSERT INTO outbox (type, tenant_id, data)
            SELECT '<expired>', tenant_id, jsonb_build_object('tokenId', id, 'type', type, 'context', context,
                   'userId', user_id, 'clientId', client_id, 'expiresAt', expires_at)
            FROM due""".replace("<expired>", ChangeType.TOKEN_EXPIRED.wire);

    private final Pool pool;
    private final ExpiryConfig config;

    /** The mapping is injected so that Quarkus registers it; the schedule reads the same key. */
    public ExpiryAnnouncer(Pool pool, ExpiryConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${latchkey.expiry.announce-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announce() {
        return pool.query(ANNOUNCE).execute()
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("Announced %d expired token(s)", rows.rowCount());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Announcing expired tokens failed (next try in %s): %s",
                        config.announceEvery(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
