package dev.latchkey.common.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Makes the reactive pool (Hibernate Reactive's and every {@code Pool} user's) fail fast when PostgreSQL is gone,
 * instead of letting a request wait for Vert.x's defaults (60 s to connect, 30 s for a pooled connection). Quarkus
 * 3.33 has no {@code quarkus.datasource.reactive.*} key for either, so its documented hook, a {@link PgPoolCreator}
 * bean, sets them from {@code latchkey.db.connect-timeout} and {@code latchkey.db.acquire-timeout}. The failure that
 * follows is recognised by {@link DatabaseUnavailable} and answered 503 with {@code Retry-After}. A pool that finds
 * the database again simply opens new connections: no restart is needed.
 */
@Singleton
public class FailFastPool implements PgPoolCreator {

    private final DatabaseConfig database;

    FailFastPool(DatabaseConfig database) {
        this.database = database;
    }

    @Override
    @SuppressWarnings("deprecation") // PgPool is what Quarkus 3.33 expects back from a creator
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions();
        pool.setConnectionTimeout(Math.toIntExact(Math.max(1, database.acquireTimeout().toMillis())));
        pool.setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        int connectMillis = Math.toIntExact(Math.max(1, database.connectTimeout().toMillis()));
        for (PgConnectOptions connect : input.pgConnectOptionsList()) {
            connect.setConnectTimeout(connectMillis);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), pool);
    }
}
