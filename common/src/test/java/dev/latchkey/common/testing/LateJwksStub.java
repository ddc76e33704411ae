package dev.latchkey.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * {@link JwksStub}'s key set, but not served until the test says so: the service starts with
 * {@code latchkey.auth.url} naming a port where nothing listens, as when auth-service is not up yet. The tokens
 * {@link JwksStub} signs name this URL as issuer. {@link #serve()} opens the JWKS on that port, {@link #close()}
 * closes it again. Use with {@code @WithTestResource(LateJwksStub.class)} instead of {@link JwksStub}.
 */
public class LateJwksStub implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + port;
        JwksStub.issuer(url);
        return Map.of("latchkey.auth.url", url);
    }

    @Override
    public void stop() {
        close();
    }

    /** Starts serving the JWKS on the port the service was given. */
    public static synchronized void serve() {
        if (server == null) {
            server = JwksStub.serve(port);
        }
    }

    /** Stops serving it: the port is closed again. */
    public static synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
