package dev.latchkey.token.rbac;

import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangePage;
import dev.latchkey.common.changefeed.ChangeFeedClient;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.FeedFollower;
import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.neighbour.RbacServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;

/**
 * Follows rbac-service's change feed and ends the tokens that outlive their grounds: every token (and the settings) of
 * a deleted tenant, the personal tokens of a user removed from a tenant, a personal token narrowed to nothing but a
 * deleted role; other tokens lose a deleted role. The cursor only moves forward, whichever replica writes it.
 * Each page is applied in one transaction together with the new cursor, so a restart neither skips nor repeats.
 */
@ApplicationScoped
public class RbacFeedConsumer {

    static final String SOURCE = "rbac";
    private static final String END_TOKENS = """
            WITH gone AS (DELETE FROM api_token WHERE %s
                          RETURNING id, tenant_id, type, context, user_id, client_id),
                 feed AS (INSERT INTO outbox (type, tenant_id, data)
                          SELECT '<deleted>', tenant_id, jsonb_build_object('tokenId', id, 'type', type,
                                 'context', context, 'userId', user_id, 'clientId', client_id, 'reason', $%d::text)
                          FROM gone)
            INSERT INTO audit_event (id, tenant_id, occurred_at, actor, action, token_id, detail)
            SELECT gen_random_uuid(), tenant_id, now(), 'latchkey', '<deleted>', id,
                   jsonb_build_object('reason', $%d::text)
            FROM gone""".replace("<deleted>", ChangeType.TOKEN_DELETED.wire);
    private static final String DROP_ROLE = """
            WITH changed AS (UPDATE api_token SET role_ids = array_remove(role_ids, $1), updated_at = now()
                             WHERE $1 = ANY (role_ids)
                             RETURNING id, tenant_id, type, context, user_id, client_id, role_ids)
            INSERT INTO outbox (type, tenant_id, data)
            SELECT '<updated>', tenant_id, jsonb_build_object('tokenId', id, 'type', type, 'context', context,
                   'userId', user_id, 'clientId', client_id, 'roleIds', role_ids, 'reason', '<role-deleted>')
            FROM changed""".replace("<updated>", ChangeType.TOKEN_UPDATED.wire)
            .replace("<role-deleted>", ChangeType.ROLE_DELETED.wire);

    private final Pool pool;
    private final boolean enabled;
    private final FeedFollower follower;

    public RbacFeedConsumer(RbacServiceConfig rbac, Pool pool, Vertx vertx, RbacFeedConfig config) {
        this.pool = pool;
        this.enabled = config.enabled();
        Duration wait = config.waitTime();
        this.follower = new FeedFollower("rbac-service", ChangeFeedClient.of(rbac.url())::changes,
                page -> apply(page).replaceWithVoid(), this::cursor, vertx, wait, wait.plusSeconds(5));
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            follower.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    public Uni<Long> cursor() {
        return pool.preparedQuery("SELECT cursor FROM feed_cursor WHERE source = $1").execute(Tuple.of(SOURCE))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("cursor") : 0L);
    }

    /** Applies one page and moves the cursor, in one transaction. */
    public Uni<Integer> apply(ChangePage page) {
        if (page.changes().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Change change : page.changes()) {
                chain = chain.chain(() -> apply(connection, change));
            }
            return chain.chain(() -> connection.preparedQuery("""
                            INSERT INTO feed_cursor (source, cursor, updated_at) VALUES ($1, $2, now())
                            ON CONFLICT (source) DO UPDATE
                            SET cursor = GREATEST(feed_cursor.cursor, excluded.cursor), updated_at = now()""")
                    .execute(Tuple.of(SOURCE, page.cursor())))
                    .map(x -> page.changes().size());
        });
    }

    private Uni<Void> apply(SqlConnection connection, Change change) {
        UUID tenant = change.tenantId();
        ChangeType type = change.kind().orElse(null);
        if (type == ChangeType.TENANT_DELETED) {
            return connection.preparedQuery(END_TOKENS.formatted("tenant_id = $1", 2, 2))
                    .execute(Tuple.of(tenant, type.wire))
                    .chain(() -> connection.preparedQuery("DELETE FROM tenant_settings WHERE tenant_id = $1")
                            .execute(Tuple.of(tenant)))
                    .replaceWithVoid();
        }
        if (type == ChangeType.MEMBERSHIP_REMOVED) {
            return connection.preparedQuery(
                            END_TOKENS.formatted("tenant_id = $1 AND context = 'PERSONAL' AND user_id = $2", 3, 3))
                    .execute(Tuple.of(tenant, change.payload(Payload.Membership.class).userId(), type.wire))
                    .replaceWithVoid();
        }
        if (type == ChangeType.ROLE_DELETED) {
            // A personal token narrowed to nothing but the deleted role would carry no role at all: it ends. Other
            // tokens just lose the role ("all of the user's roles" is its own flag, so no list widens by emptying).
            String roleId = String.valueOf(change.payload(Payload.Role.class).roleId());
            return connection.preparedQuery(
                            END_TOKENS.formatted("context = 'PERSONAL' AND NOT all_roles AND role_ids = ARRAY[$1]::text[]", 2, 2))
                    .execute(Tuple.of(roleId, type.wire))
                    .chain(() -> connection.preparedQuery(DROP_ROLE).execute(Tuple.of(roleId)))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
