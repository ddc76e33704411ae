package dev.latchkey.common.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.testing.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outage rule over failures as the real PostgreSQL client produces them (a real server, stopped and started
 * again; a closed port; a port that accepts and never answers), and over the wrappers they arrive in. A PostgreSQL
 * error that is a statement's own fault is not an outage.
 */
class DatabaseUnavailableTest {

    private static Vertx vertx;
    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = PostgresServer.embedded(Files.createTempDirectory("latchkey-pg-rule"), false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedConnectionIsAnOutage() throws Exception {
        Throwable refused = failure(PgConnection.connect(vertx, options(closedPort())));
        assertTrue(DatabaseUnavailable.causedBy(refused), refused.toString());
        assertTrue(DatabaseUnavailable.causedBy(new CompletionException(new HibernateException("wrapped", refused))));
    }

    @Test
    void aStatementsOwnErrorIsNotAnOutage() throws Exception {
        PgConnection c = await(PgConnection.connect(vertx, options(server.port())));
        try {
            Throwable syntax = failure(c.query("SELEC 1").execute());
            assertEquals("42601", ((PgException) syntax).getSqlState());
            assertFalse(DatabaseUnavailable.causedBy(syntax));
            await(c.query("CREATE TEMP TABLE once (id int PRIMARY KEY)").execute());
            await(c.query("INSERT INTO once VALUES (1)").execute());
            Throwable duplicate = failure(c.query("INSERT INTO once VALUES (1)").execute());
            assertEquals("23505", ((PgException) duplicate).getSqlState());
            assertFalse(DatabaseUnavailable.causedBy(new CompletionException(duplicate)));
        } finally {
            await(c.close());
        }
    }

    @Test
    void aServerThatStopsUnderAnOpenConnectionIsAnOutageAndComesBackWithItsData() throws Exception {
        PgConnection c = await(PgConnection.connect(vertx, options(server.port())));
        await(c.query("CREATE TABLE IF NOT EXISTS kept (id int)").execute());
        server.stop();
        try {
            Throwable broken = failure(c.query("SELECT 1").execute());
            assertTrue(DatabaseUnavailable.causedBy(broken), broken.toString());
            Throwable refused = failure(PgConnection.connect(vertx, options(server.port())));
            assertTrue(DatabaseUnavailable.causedBy(refused), refused.toString());
        } finally {
            server.start();
        }
        PgConnection again = await(PgConnection.connect(vertx, options(server.port())));
        try {
            Row kept = await(again.query("SELECT count(*) FROM pg_tables WHERE tablename = 'kept'").execute())
                    .iterator().next();
            assertEquals(1L, kept.getLong(0), "same data directory after the restart");
        } finally {
            await(again.close());
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void aPoolThatGetsNoConnectionInTimeIsAnOutage() throws Exception {
        // accepts TCP connections (the backlog) and never speaks: PostgreSQL frozen, or a half-open network
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            PgPool pool = PgPool.pool(vertx, options(silent.getLocalPort()),
                    new PoolOptions().setConnectionTimeout(300).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
            try {
                Throwable timeout = failure(pool.query("SELECT 1").execute());
                assertTrue(DatabaseUnavailable.causedBy(timeout), timeout + ": " + timeout.getClass());
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void shutdownAndConnectionStatesAreOutagesOtherStatesAreNot() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08001", "53300"}) {
            assertTrue(DatabaseUnavailable.causedBy(new PgException("gone", "FATAL", state, null)), state);
        }
        for (String state : new String[] {"23505", "23503", "42P01", "40001", "22P02", "57014"}) {
            assertFalse(DatabaseUnavailable.causedBy(new PgException("bug", "ERROR", state, null)), state);
        }
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("boom")));
        assertFalse(DatabaseUnavailable.causedBy(null));
        // a neighbour that refuses the REST client is the neighbour's problem, not the database's
        assertFalse(DatabaseUnavailable.causedBy(new ProcessingException(new ConnectException("Connection refused"))));
    }

    private static PgConnectOptions options(int port) {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("postgres")
                .setUser(server.user()).setPassword(server.password()).setConnectTimeout(1000);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return free.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
