package dev.latchkey.token.rbac;

import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangePage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Follows rbac-service's change feed and ends the tokens that outlive their grounds: every token (and the settings) of
 * a deleted tenant, the personal tokens of a user removed from a tenant, a personal token narrowed to nothing but a
 * deleted role; other tokens lose a deleted role. The cursor only moves forward, whichever replica writes it.
 * Each page is applied in one transaction together with the new cursor, so a restart neither skips nor repeats.
 */
@ApplicationScoped
public class RbacFeedConsumer {

    static final String SOURCE = "rbac";
    private static final Logger LOG = Logger.getLogger(RbacFeedConsumer.class);
    private static final String END_TOKENS = """
            WITH gone AS (DELETE FROM api_token WHERE %s
                          RETURNING id, tenant_id, type, context, user_id, client_id),
                 feed AS (INSERT INTO outbox (type, tenant_id, data)
                          SELECT 'token.deleted', tenant_id, jsonb_build_object('tokenId', id, 'type', type,
                                 'context', context, 'userId', user_id, 'clientId', client_id, 'reason', $%d::text)
                          FROM gone)
            INSERT INTO audit_event (id, tenant_id, occurred_at, actor, action, token_id, detail)
            SELECT gen_random_uuid(), tenant_id, now(), 'latchkey', 'token.deleted', id,
                   jsonb_build_object('reason', $%d::text)
            FROM gone""";
    private static final String DROP_ROLE = """
            WITH changed AS (UPDATE api_token SET role_ids = array_remove(role_ids, $1), updated_at = now()
                             WHERE $1 = ANY (role_ids)
                             RETURNING id, tenant_id, type, context, user_id, client_id, role_ids)
            INSERT INTO outbox (type, tenant_id, data)
            SELECT 'token.updated', tenant_id, jsonb_build_object('tokenId', id, 'type', type, 'context', context,
                   'userId', user_id, 'clientId', client_id, 'roleIds', role_ids, 'reason', 'role.deleted')
            FROM changed""";

    private final RbacClient rbac;
    private final Pool pool;
    private final Vertx vertx;
    private final boolean enabled;
    private final int waitSeconds;
    private volatile boolean running;

    public RbacFeedConsumer(@RestClient RbacClient rbac, Pool pool, Vertx vertx,
            @ConfigProperty(name = "latchkey.rbac-feed.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "latchkey.rbac-feed.wait-seconds", defaultValue = "25") int waitSeconds) {
        this.rbac = rbac;
        this.pool = pool;
        this.vertx = vertx;
        this.enabled = enabled;
        this.waitSeconds = waitSeconds;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            running = true;
            poll();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void poll() {
        if (!running) {
            return;
        }
        cursor()
                .flatMap(after -> rbac.changes(after, waitSeconds, 500))
                .flatMap(this::apply)
                .subscribe().with(applied -> poll(), failure -> {
                    if (running) {
                        LOG.warnf("rbac-service change feed: %s; retrying in 1 s", failure.getMessage());
                        vertx.setTimer(1000, id -> poll());
                    }
                });
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
        return switch (change.type()) {
            case "tenant.deleted" -> connection.preparedQuery(END_TOKENS.formatted("tenant_id = $1", 2, 2))
                    .execute(Tuple.of(tenant, change.type()))
                    .chain(() -> connection.preparedQuery("DELETE FROM tenant_settings WHERE tenant_id = $1")
                            .execute(Tuple.of(tenant)))
                    .replaceWithVoid();
            case "membership.removed" -> connection.preparedQuery(
                            END_TOKENS.formatted("tenant_id = $1 AND context = 'PERSONAL' AND user_id = $2", 3, 3))
                    .execute(Tuple.of(tenant, String.valueOf(change.data().get("userId")), change.type())).replaceWithVoid();
            // A personal token narrowed to nothing but the deleted role would carry no role at all: it ends. Other
            // tokens just lose the role ("all of the user's roles" is its own flag, so no list ever widens by emptying).
            case "role.deleted" -> connection.preparedQuery(
                            END_TOKENS.formatted("context = 'PERSONAL' AND NOT all_roles AND role_ids = ARRAY[$1]::text[]", 2, 2))
                    .execute(Tuple.of(String.valueOf(change.data().get("roleId")), change.type()))
                    .chain(() -> connection.preparedQuery(DROP_ROLE)
                            .execute(Tuple.of(String.valueOf(change.data().get("roleId")))))
                    .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }
}
