package dev.latchkey.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.common.testing.StubServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for rbac-service's internal API: role-permissions from roles the test defines, user access from members
 * the test adds, and an empty change feed.
 */
public class RbacStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<UUID, String> ROLE_KEYS = new ConcurrentHashMap<>();
    private static final Map<UUID, List<String>> ROLE_PERMISSIONS = new ConcurrentHashMap<>();
    private static final Map<String, List<UUID>> MEMBERS = new ConcurrentHashMap<>();
    /** Switched on by a test to make rbac-service's internal API (not its feed) hang or fail. */
    public static final StubServer.Fault FAULT = new StubServer.Fault();
    private HttpServer server;

    public static UUID role(String key, String... permissions) {
        UUID id = UUID.randomUUID();
        ROLE_KEYS.put(id, key);
        ROLE_PERMISSIONS.put(id, List.of(permissions));
        return id;
    }

    public static void member(UUID tenantId, String userId, UUID... roles) {
        MEMBERS.put(tenantId + "/" + userId, List.of(roles));
    }

    @Override
    public Map<String, String> start() {
        server = StubServer.start("/internal/", this::handle);
        return Map.of("latchkey.rbac-service.url", StubServer.url(server));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        if (!(path.length == 3 && path[2].equals("changes")) && FAULT.apply(exchange)) {
            return;
        }
        if (path.length == 3 && path[2].equals("changes")) {
            respond(exchange, 200, JSON.createObjectNode().put("cursor", 0).put("head", 0).set("changes", JSON.createArrayNode()));
        } else if (path.length == 5 && path[4].equals("role-permissions")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode roles = answer.putArray("roles");
            TreeSet<String> union = new TreeSet<>();
            body.path("permissions").forEach(p -> union.add(p.asText()));
            for (JsonNode id : body.path("roleIds")) {
                UUID roleId = UUID.fromString(id.asText());
                if (ROLE_KEYS.containsKey(roleId)) {
                    ObjectNode r = roles.addObject().put("id", roleId.toString()).put("key", ROLE_KEYS.get(roleId)).put("level", 10);
                    ROLE_PERMISSIONS.get(roleId).forEach(p -> r.withArray("permissions").add(p));
                    union.addAll(ROLE_PERMISSIONS.get(roleId));
                }
            }
            union.forEach(answer.putArray("permissions")::add);
            answer.putArray("unknownRoleIds");
            respond(exchange, 200, answer);
        } else if (path.length == 7 && path[6].equals("access")) {
            String key = path[3] + "/" + URLDecoder.decode(path[5], StandardCharsets.UTF_8);
            List<UUID> held = MEMBERS.get(key);
            ObjectNode access = JSON.createObjectNode().put("tenantId", path[3]).put("userId", path[5]).put("member", held != null);
            ArrayNode roles = access.putArray("roles");
            TreeSet<String> union = new TreeSet<>();
            for (UUID id : held == null ? List.<UUID>of() : held) {
                roles.addObject().put("id", id.toString()).put("key", ROLE_KEYS.get(id)).put("level", 10);
                union.addAll(ROLE_PERMISSIONS.get(id));
            }
            union.forEach(access.putArray("permissions")::add);
            respond(exchange, 200, access);
        } else {
            respond(exchange, 404, JSON.createObjectNode().put("status", 404));
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        StubServer.respond(exchange, status, JSON.writeValueAsString(body));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
