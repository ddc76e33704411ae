package dev.latchkey.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for token-service at the HTTP level, answering {@code POST /internal/credentials/client} as its
 * committed contract says: one known vendor credential, everything else refused.
 */
public class TokenServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = SecretFormat.newClientId();
    public static final String SECRET = SecretFormat.generate(SecretKind.CLIENT_SECRET);
    public static final String TOKEN_ID = UUID.randomUUID().toString();
    static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";
    /** Calls that arrived without the right service credential. */
    public static final AtomicInteger UNAUTHENTICATED_CALLS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/credentials/client", this::check);
        server.start();
        return Map.of("latchkey.token-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void check(HttpExchange exchange) throws IOException {
        if (!SERVICE_CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("X-Latchkey-Service"))) {
            UNAUTHENTICATED_CALLS.incrementAndGet();
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        boolean valid = CLIENT_ID.equals(body.path("clientId").asText()) && SECRET.equals(body.path("clientSecret").asText());
        respond(exchange, 200, valid
                ? "{\"valid\":true,\"token\":{\"tokenId\":\"" + TOKEN_ID + "\",\"context\":\"VENDOR\","
                        + "\"type\":\"CLIENT_CREDENTIALS\",\"clientId\":\"" + CLIENT_ID + "\",\"futureField\":1}}"
                : "{\"valid\":false,\"reason\":\"MISMATCH\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
