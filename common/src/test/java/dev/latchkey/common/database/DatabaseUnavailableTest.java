package dev.latchkey.common.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.testing.PostgresServer;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    void theServicesPoolGivesUpAfterItsAcquireTimeoutAndThatIsAnOutage() throws Exception {
        // accepts TCP connections (the backlog) and never speaks: PostgreSQL frozen, or a half-open network
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            PgConnectOptions connect = options(silent.getLocalPort());
            PoolOptions poolOptions = new PoolOptions();
            Pool pool = new FailFastPool(config(Duration.ofSeconds(1), Duration.ofMillis(300)))
                    .create(input(poolOptions, connect));
            try {
                assertEquals(300, poolOptions.getConnectionTimeout());
                assertEquals(TimeUnit.MILLISECONDS, poolOptions.getConnectionTimeoutUnit());
                assertEquals(1000, connect.getConnectTimeout());
                long start = System.nanoTime();
                Throwable timeout = failure(pool.query("SELECT 1").execute());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(DatabaseUnavailable.causedBy(timeout), timeout + ": " + timeout.getClass());
                assertTrue(millis < 1000, "gave up after " + millis + " ms");
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
        // a statement written to a socket PostgreSQL has just closed: NIO's plain IOException (FaultsIT saw it as a 500)
        assertTrue(DatabaseUnavailable.causedBy(new CompletionException(new IOException("Connection reset by peer"))));
        assertTrue(DatabaseUnavailable.causedBy(new IOException("Broken pipe")));
        assertTrue(DatabaseUnavailable.causedBy(new SocketException("Connection reset")));
        assertFalse(DatabaseUnavailable.causedBy(new IOException("No space left on device")));
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("boom")));
        assertFalse(DatabaseUnavailable.causedBy(null));
        // a neighbour that refuses the REST client is the neighbour's problem, not the database's
        assertFalse(DatabaseUnavailable.causedBy(new ProcessingException(new ConnectException("Connection refused"))));
    }

    /** The service's database settings, with these timeouts. */
    private static DatabaseConfig config(Duration connect, Duration acquire) {
        return new DatabaseConfig() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return server.port();
            }

            public String name() {
                return "postgres";
            }

            public String user() {
                return server.user();
            }

            public Optional<String> password() {
                return Optional.of(server.password());
            }

            public boolean allowEmptyPassword() {
                return true;
            }

            public Duration connectTimeout() {
                return connect;
            }

            public Duration acquireTimeout() {
                return acquire;
            }
        };
    }

    private static PgPoolCreator.Input input(PoolOptions pool, PgConnectOptions connect) {
        return new PgPoolCreator.Input() {
            public Vertx vertx() {
                return vertx;
            }

            public PoolOptions poolOptions() {
                return pool;
            }

            public List<PgConnectOptions> pgConnectOptionsList() {
                return List.of(connect);
            }
        };
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
