package dev.latchkey.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on 127.0.0.1 and a free port, for the neighbours tests stand in for at the HTTP level. */
public final class StubServer {

    private StubServer() {
    }

    /** Starts serving {@code path} (and below) with {@code handler}; a thread per request, so long polls may block. */
    public static HttpServer start(String path, HttpHandler handler) {
        return start(0, path, handler);
    }

    /** As {@link #start(String, HttpHandler)}, on {@code port} (0 for a free one). */
    public static HttpServer start(int port, String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext(path, handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * A fault a test switches on for a stub, to stand for a neighbour that hangs (every call answered late) or fails
     * (every call answered with a status). A stub calls {@link #apply} first on the paths the fault concerns.
     */
    public static final class Fault {
        private volatile long stallMillis;
        private volatile int status;

        /** Every call waits this long before it is handled. */
        public void stall(java.time.Duration duration) {
            stallMillis = duration.toMillis();
        }

        /** Every call is answered with this status and an empty problem. */
        public void failWith(int status) {
            this.status = status;
        }

        public void clear() {
            stallMillis = 0;
            status = 0;
        }

        /** Applies the fault; true when it answered the call, which the stub must then leave alone. */
        public boolean apply(HttpExchange exchange) throws IOException {
            long stall = stallMillis;
            if (stall > 0) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int failure = status;
            if (failure > 0) {
                respond(exchange, failure, "{\"status\":" + failure + "}");
                return true;
            }
            return false;
        }
    }

    public static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
