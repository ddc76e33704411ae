package dev.latchkey.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PostgreSQL server that tests and the local launcher use: a configured one when {@code LATCHKEY_DB_HOST}
 * is set, otherwise a real PostgreSQL 17 started from the embedded binaries. One database per service.
 */
public final class PostgresServer implements AutoCloseable {

    private volatile EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private final boolean keepData;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, Path dataDirectory, boolean keepData, String host, int port,
            String user, String password) {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The server named by the environment, when {@code LATCHKEY_DB_HOST} is set; else null. */
    public static PostgresServer configured() {
        String host = System.getenv("LATCHKEY_DB_HOST");
        if (host == null || host.isBlank()) {
            return null;
        }
        return new PostgresServer(null, null, true, host,
                Integer.parseInt(env("LATCHKEY_DB_PORT", "5432")),
                env("LATCHKEY_DB_USER", "postgres"),
                env("LATCHKEY_DB_PASSWORD", ""));
    }

    /**
     * Starts an embedded PostgreSQL on 127.0.0.1 with its data in {@code dataDirectory}.
     *
     * @param keepData keep the data between starts (the launcher) or wipe it (tests)
     */
    public static PostgresServer embedded(Path dataDirectory, boolean keepData) {
        EmbeddedPostgres pg = startEmbedded(dataDirectory, keepData, 0);
        return new PostgresServer(pg, dataDirectory, keepData, "127.0.0.1", pg.getPort(), "postgres", "");
    }

    /**
     * The embedded server on {@code port} (0: any free one). Data kept means data that must survive a power loss
     * (SPEC rule 6, on the laptop as in production): fsync and synchronous_commit on. The zonky library passes
     * {@code -F} (fsync off) to the postmaster; the {@code -c fsync=on} that follows it wins. Throwaway test data
     * keeps both off, for speed. The library never deletes the directory: {@link #close} does, for throwaway data,
     * so that {@link #stop} and {@link #start} keep it.
     */
    private static EmbeddedPostgres startEmbedded(Path dataDirectory, boolean keepData, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .setServerConfig("synchronous_commit", keepData ? "on" : "off");
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Stops the embedded server (a fast shutdown: open connections are cut), keeping its data directory and port for
     * {@link #start}. For tests of a database outage; a configured server cannot be stopped from here.
     */
    public synchronized void stop() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only the embedded PostgreSQL can be stopped");
        }
        if (embedded != null) {
            closeEmbedded();
            embedded = null;
        }
    }

    /** Starts the embedded server again after {@link #stop}: same data directory, same port. */
    public synchronized void start() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only the embedded PostgreSQL can be started");
        }
        if (embedded == null) {
            embedded = startEmbedded(dataDirectory, keepData, port);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** The {@code latchkey.db.*} keys every service reads its datasource from. */
    public Map<String, String> serviceConfig(String database) {
        Map<String, String> config = new HashMap<>();
        config.put("latchkey.db.host", host);
        config.put("latchkey.db.port", String.valueOf(port));
        config.put("latchkey.db.name", database);
        config.put("latchkey.db.user", user);
        config.put("latchkey.db.password", password);
        return config;
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            closeEmbedded();
            embedded = null;
        }
        if (dataDirectory != null && !keepData && Files.isDirectory(dataDirectory)) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void closeEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
