package dev.latchkey.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} a fresh database: on the configured server when {@code LATCHKEY_DB_HOST} is set,
 * else on one embedded PostgreSQL per test JVM in a throwaway directory.
 * Use with {@code @WithTestResource(PostgresResource.class)}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;
    private static String database;

    /** The server the tests of this JVM use, started on first call. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            PostgresServer configured = PostgresServer.configured();
            if (configured != null) {
                server = configured;
            } else {
                try {
                    server = PostgresServer.embedded(Files.createTempDirectory("latchkey-pg-test"), false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            }
        }
        return server;
    }

    /** The database of this test JVM, created on first call. */
    public static synchronized String database() {
        if (database == null) {
            database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            server().ensureDatabase(database);
        }
        return database;
    }

    @Override
    public Map<String, String> start() {
        return server().serviceConfig(database());
    }

    @Override
    public void stop() {
        // The server outlives one Quarkus application: several test profiles share it; a shutdown hook stops it.
    }
}
