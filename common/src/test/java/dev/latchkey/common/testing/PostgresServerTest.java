package dev.latchkey.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL: the run command's (data kept) is durable, and a server stopped and started again keeps its
 * port and its data (the fault tests stop the database under running services).
 */
class PostgresServerTest {

    @Test
    void keptDataIsDurableAndSurvivesAStopAndStart() throws Exception {
        Path data = Files.createTempDirectory("latchkey-pg-durable");
        try (PostgresServer server = PostgresServer.embedded(data, true)) {
            assertEquals("on", show(server, "fsync"));
            assertEquals("on", show(server, "synchronous_commit"));
            server.ensureDatabase("durable");
            try (Connection c = server.connect("durable"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('acknowledged')");
            }
            int port = server.port();

            server.stop();
            assertThrows(SQLException.class, () -> server.connect("durable").close());
            server.start();

            assertEquals(port, server.port());
            assertEquals("on", show(server, "fsync"));
            try (Connection c = server.connect("durable"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertEquals("acknowledged", rs.getString(1));
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void throwawayDataRunsFastAndIsDeletedOnClose() throws Exception {
        Path data = Files.createTempDirectory("latchkey-pg-throwaway");
        try (PostgresServer server = PostgresServer.embedded(data, false)) {
            assertEquals("off", show(server, "fsync"));
        }
        assertFalse(Files.exists(data));
    }

    private static String show(PostgresServer server, String setting) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
