package dev.latchkey.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} an embedded PostgreSQL of its own that the test may {@link PostgresServer#stop() stop}
 * and {@link PostgresServer#start() start} again (same port, same data): a database outage without disturbing the
 * shared server of {@link PostgresResource} that the other tests of the JVM use. Always embedded, even when
 * {@code LATCHKEY_DB_HOST} names a server, since that one cannot be stopped from here.
 * Use with {@code @WithTestResource(RestartablePostgresResource.class)}; the server goes when the application does.
 */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "latchkey_outage";
    private static PostgresServer server;

    /** The server of the running test application. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("RestartablePostgresResource is not started");
        }
        return server;
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = PostgresServer.embedded(Files.createTempDirectory("latchkey-pg-outage"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.ensureDatabase(DATABASE);
        return server.serviceConfig(DATABASE);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
