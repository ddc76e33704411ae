package dev.latchkey.system.verifiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API behind the gateway: answers every request with the path and the request headers it received (names in lower
 * case), as JSON, so a test sees which claims the gateway passed on; and counts requests, so a test sees that a
 * refused token never reached it.
 */
public final class ClaimsEcho implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private ClaimsEcho(HttpServer server) {
        this.server = server;
    }

    public static ClaimsEcho start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ClaimsEcho echo = new ClaimsEcho(server);
        server.createContext("/", echo::answer);
        server.start();
        return echo;
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        byte[] body = JSON.writeValueAsString(Map.of("path", exchange.getRequestURI().getPath(), "headers", headers))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached the API so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
