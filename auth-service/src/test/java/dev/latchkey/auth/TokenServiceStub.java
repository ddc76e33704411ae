package dev.latchkey.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.common.testing.StubServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for token-service at the HTTP level, answering its internal API as the committed contract says: the
 * credentials the test registers are good, everything else refused.
 */
public class TokenServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = SecretFormat.newClientId();
    public static final String SECRET = SecretFormat.generate(SecretKind.CLIENT_SECRET);
    public static final String TOKEN_ID = UUID.randomUUID().toString();
    static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";
    /** Calls that arrived without the right service credential. */
    public static final AtomicInteger UNAUTHENTICATED_CALLS = new AtomicInteger();
    /** Checks of access keys asked of this stub. */
    public static final AtomicInteger ACCESS_KEY_CHECKS = new AtomicInteger();
    /** Usage batches received. */
    public static final List<JsonNode> USAGE = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> KEYS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> BY_ID = new ConcurrentHashMap<>();
    /** A rolled-away client secret in its grace period: until when it is accepted. */
    private static final Map<String, Instant> ACCEPTED_UNTIL = new ConcurrentHashMap<>();
    /** Switched on by a test to make token-service's credential checks hang or fail. */
    public static final StubServer.Fault FAULT = new StubServer.Fault();
    private HttpServer server;

    static {
        ObjectNode vendor = state(TOKEN_ID, "VENDOR", "CLIENT_CREDENTIALS", null, null);
        vendor.put("clientId", CLIENT_ID);
        register(CLIENT_ID + ":" + SECRET, vendor);
    }

    /** The state of a token as token-service describes it. */
    public static ObjectNode state(String tokenId, String context, String type, UUID tenantId, String userId) {
        ObjectNode s = JSON.createObjectNode().put("tokenId", tokenId).put("context", context).put("type", type)
                .put("jwtLifetimeSeconds", 300).put("refreshTokensEnabled", false).put("futureField", 1)
                .put("secretGeneration", 0);
        if (tenantId != null) {
            s.put("tenantId", tenantId.toString());
        }
        if (userId != null) {
            s.put("userId", userId);
        }
        s.putArray("roleIds");
        s.putArray("permissionIds");
        s.putObject("metadata");
        return s;
    }

    /** A tenant client-credentials token with these roles; returns {clientId, secret}. */
    public static String[] tenantClient(UUID tenantId, boolean refresh, UUID... roleIds) {
        String clientId = SecretFormat.newClientId();
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        ObjectNode s = state(UUID.randomUUID().toString(), "TENANT", "CLIENT_CREDENTIALS", tenantId, null);
        s.put("clientId", clientId).put("refreshTokensEnabled", refresh);
        for (UUID r : roleIds) {
            s.withArray("roleIds").add(r.toString());
        }
        register(clientId + ":" + secret, s);
        return new String[] {clientId, secret, s.get("tokenId").asText()};
    }

    /** A personal client-credentials token of {@code userId} with all its roles; returns {clientId, secret, tokenId}. */
    public static String[] personalClient(UUID tenantId, String userId) {
        String clientId = SecretFormat.newClientId();
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        ObjectNode s = state(UUID.randomUUID().toString(), "PERSONAL", "CLIENT_CREDENTIALS", tenantId, userId);
        s.put("clientId", clientId).put("allRoles", true);
        register(clientId + ":" + secret, s);
        return new String[] {clientId, secret, s.get("tokenId").asText()};
    }

    /** A tenant access key with these roles. */
    public static String tenantAccessKey(UUID tenantId, UUID... roleIds) {
        String key = SecretFormat.generate(SecretKind.ACCESS_KEY);
        ObjectNode s = state(UUID.randomUUID().toString(), "TENANT", "ACCESS_TOKEN", tenantId, null);
        for (UUID r : roleIds) {
            s.withArray("roleIds").add(r.toString());
        }
        KEYS.put(key, s);
        BY_ID.put(s.get("tokenId").asText(), s);
        return key;
    }

    /**
     * Rolls a client secret as token-service does: a new secret, the generation counted up, and the old secret accepted
     * for {@code grace} (not at all when zero) with {@code acceptedUntil} in its verdicts. Returns the new secret.
     */
    public static String roll(String clientId, String oldSecret, Duration grace) {
        ObjectNode s = CLIENTS.get(clientId + ":" + oldSecret);
        String secret = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        // the secret before the old one stops working now (token-service keeps one previous secret)
        CLIENTS.entrySet().removeIf(e -> e.getValue() == s && ACCEPTED_UNTIL.containsKey(e.getKey()));
        s.put("secretGeneration", s.get("secretGeneration").asInt() + 1);
        if (grace.isZero()) {
            CLIENTS.remove(clientId + ":" + oldSecret);
            s.remove("previousSecretExpiresAt");
        } else {
            Instant until = Instant.now().plus(grace);
            ACCEPTED_UNTIL.put(clientId + ":" + oldSecret, until);
            s.put("previousSecretExpiresAt", until.toString());
        }
        CLIENTS.put(clientId + ":" + secret, s);
        return secret;
    }

    /** token-service forgets the token (it was deleted). */
    /** The tenant's settings give this token's JWTs {@code seconds} of life. */
    public static void jwtLifetime(String tokenId, int seconds) {
        BY_ID.get(tokenId).put("jwtLifetimeSeconds", seconds);
    }

    public static void delete(String tokenId) {
        CLIENTS.values().removeIf(s -> s.get("tokenId").asText().equals(tokenId));
        KEYS.values().removeIf(s -> s.get("tokenId").asText().equals(tokenId));
        BY_ID.remove(tokenId);
    }

    private static void register(String clientAndSecret, ObjectNode state) {
        CLIENTS.put(clientAndSecret, state);
        BY_ID.put(state.get("tokenId").asText(), state);
    }

    @Override
    public Map<String, String> start() {
        server = StubServer.start("/internal/", this::handle);
        return Map.of("latchkey.token-service.url", StubServer.url(server));
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!SERVICE_CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("X-Latchkey-Service"))) {
            UNAUTHENTICATED_CALLS.incrementAndGet();
            StubServer.respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/internal/credentials/") && FAULT.apply(exchange)) {
            return;
        }
        if (path.equals("/internal/credentials/client")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String presented = body.path("clientId").asText() + ":" + body.path("clientSecret").asText();
            Instant until = ACCEPTED_UNTIL.get(presented);
            ObjectNode state = until != null && !Instant.now().isBefore(until) ? null : CLIENTS.get(presented);
            if (state == null) {
                // a known client id with a wrong secret: the refusal names the token, so the failure lands in its tenant
                String clientId = body.path("clientId").asText();
                ObjectNode known = CLIENTS.values().stream().filter(s -> clientId.equals(s.path("clientId").asText()))
                        .findFirst().orElse(null);
                ObjectNode verdict = JSON.createObjectNode().put("valid", false).put("reason", "MISMATCH");
                if (known != null) {
                    verdict.put("tokenId", known.get("tokenId").asText());
                }
                StubServer.respond(exchange, 200, JSON.writeValueAsString(verdict));
                return;
            }
            ObjectNode verdict = JSON.createObjectNode().put("valid", true);
            verdict.set("token", state);
            if (until != null) {
                verdict.put("acceptedUntil", until.toString());
            }
            StubServer.respond(exchange, 200, JSON.writeValueAsString(verdict));
        } else if (path.equals("/internal/credentials/access-key")) {
            ACCESS_KEY_CHECKS.incrementAndGet();
            verdict(exchange, KEYS.get(JSON.readTree(exchange.getRequestBody()).path("accessKey").asText()));
        } else if (path.startsWith("/internal/credentials/tokens/")) {
            verdict(exchange, BY_ID.get(path.substring(path.lastIndexOf('/') + 1)));
        } else if (path.equals("/internal/usage")) {
            USAGE.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if (path.equals("/internal/changes")) {
            StubServer.respond(exchange, 200, "{\"changes\":[],\"cursor\":0,\"head\":0}");
        } else {
            StubServer.respond(exchange, 404, "{\"status\":404}");
        }
    }

    private static void verdict(HttpExchange exchange, ObjectNode state) throws IOException {
        ObjectNode verdict = JSON.createObjectNode().put("valid", state != null);
        if (state == null) {
            verdict.put("reason", "MISMATCH");
        } else {
            verdict.set("token", state);
        }
        StubServer.respond(exchange, 200, JSON.writeValueAsString(verdict));
    }


    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
