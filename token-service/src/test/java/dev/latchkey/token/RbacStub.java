package dev.latchkey.token;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for rbac-service at the HTTP level, as its committed contract describes the internal API: grant checks
 * (the level and permission rules over a small in-memory model), user access, and a change feed the test writes to.
 */
public class RbacStub implements QuarkusTestResourceLifecycleManager {

    public static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Role(UUID id, UUID tenantId, String key, int level) {
    }

    private static final Map<UUID, Role> ROLES = new ConcurrentHashMap<>();
    private static final Set<UUID> TENANTS = ConcurrentHashMap.newKeySet();
    private static final Map<String, List<UUID>> MEMBERS = new ConcurrentHashMap<>();
    private static final List<ObjectNode> CHANGES = new ArrayList<>();
    private static final Map<UUID, List<String>> ROLE_PERMISSIONS = new ConcurrentHashMap<>();
    private static volatile boolean sessionsFail;
    private HttpServer server;

    static {
        ROLES.put(ADMIN, new Role(ADMIN, null, "Admin", 0));
        ROLES.put(MEMBER, new Role(MEMBER, null, "Member", 10));
    }

    public static UUID tenant() {
        UUID id = UUID.randomUUID();
        TENANTS.add(id);
        return id;
    }

    public static UUID role(UUID tenantId, String key, int level) {
        UUID id = UUID.randomUUID();
        ROLES.put(id, new Role(id, tenantId, key, level));
        return id;
    }

    /** A tenant role granting these permissions, which user sessions of its members hold. */
    public static UUID role(UUID tenantId, String key, int level, String... permissions) {
        UUID id = role(tenantId, key, level);
        ROLE_PERMISSIONS.put(id, List.of(permissions));
        return id;
    }

    /** Whether {@code POST /internal/user-sessions} answers 500, as an rbac-service in trouble would. */
    public static void failUserSessions(boolean fail) {
        sessionsFail = fail;
    }

    public static void member(UUID tenantId, String userId, UUID... roleIds) {
        MEMBERS.put(tenantId + "/" + userId, List.of(roleIds));
    }

    /** Appends a change to the feed, as rbac-service would after a commit. */
    public static void publish(String type, UUID tenantId, Map<String, Object> data) {
        synchronized (CHANGES) {
            ObjectNode change = JSON.createObjectNode();
            change.put("cursor", CHANGES.size() + 1);
            change.put("type", type);
            change.put("tenantId", tenantId.toString());
            change.set("data", JSON.valueToTree(data));
            change.put("at", Instant.now().toString());
            CHANGES.add(change);
            CHANGES.notifyAll();
        }
    }

    @Override
    public Map<String, String> start() {
        server = StubServer.start("/internal/", this::handle);
        return Map.of("latchkey.rbac-service.url", StubServer.url(server));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!SERVICE_CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("X-Latchkey-Service"))) {
            respond(exchange, 401, JSON.createObjectNode().put("status", 401));
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        try {
            if (path.length == 3 && path[2].equals("changes")) {
                changes(exchange);
            } else if (path.length == 3 && path[2].equals("user-sessions")) {
                userSession(exchange);
            } else if (path.length == 5 && path[4].equals("grant-checks")) {
                grantCheck(exchange, UUID.fromString(path[3]));
            } else if (path.length == 7 && path[6].equals("access")) {
                access(exchange, UUID.fromString(path[3]), URLDecoder.decode(path[5], StandardCharsets.UTF_8));
            } else {
                respond(exchange, 404, JSON.createObjectNode().put("status", 404));
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, JSON.createObjectNode().put("status", 500));
        }
    }

    private void access(HttpExchange exchange, UUID tenantId, String userId) throws IOException {
        if (!userId.matches("^[^\\p{Cntrl}]{1,200}$")) {
            // as rbac-service's contract says: a user id with control characters is refused
            respond(exchange, 400, JSON.createObjectNode().put("status", 400));
            return;
        }
        if (!TENANTS.contains(tenantId)) {
            respond(exchange, 404, JSON.createObjectNode().put("status", 404));
            return;
        }
        List<UUID> held = MEMBERS.get(tenantId + "/" + userId);
        ObjectNode body = JSON.createObjectNode().put("tenantId", tenantId.toString()).put("userId", userId)
                .put("member", held != null);
        ArrayNode roles = body.putArray("roles");
        Integer level = null;
        for (UUID id : held == null ? List.<UUID>of() : held) {
            Role r = ROLES.get(id);
            roles.addObject().put("id", id.toString()).put("key", r.key()).put("level", r.level());
            level = level == null ? r.level() : Math.min(level, r.level());
        }
        if (level != null) {
            body.put("level", level);
        }
        body.putArray("permissions");
        respond(exchange, 200, body);
    }

    /** A user of a vendor identity provider: its live roles and their permissions in the tenant its token names. */
    private void userSession(HttpExchange exchange) throws IOException {
        if (sessionsFail) {
            respond(exchange, 500, JSON.createObjectNode().put("status", 500));
            return;
        }
        JsonNode q = JSON.readTree(exchange.getRequestBody());
        String userId = q.path("userId").asText();
        UUID tenantId = q.path("tenantId").isTextual() ? UUID.fromString(q.path("tenantId").asText()) : null;
        ObjectNode body = JSON.createObjectNode().put("userId", userId);
        List<UUID> held = tenantId != null && TENANTS.contains(tenantId) ? MEMBERS.get(tenantId + "/" + userId) : null;
        if (tenantId != null && TENANTS.contains(tenantId)) {
            body.put("tenantId", tenantId.toString());
        }
        body.put("member", held != null);
        ArrayNode keys = body.putArray("roleKeys");
        ArrayNode permissions = body.putArray("permissions");
        for (UUID id : held == null ? List.<UUID>of() : held) {
            keys.add(ROLES.get(id).key());
            ROLE_PERMISSIONS.getOrDefault(id, List.of()).forEach(permissions::add);
        }
        respond(exchange, 200, body);
    }

    private void grantCheck(HttpExchange exchange, UUID tenantId) throws IOException {
        JsonNode q = JSON.readTree(exchange.getRequestBody());
        JsonNode caller = q.path("caller");
        boolean vendor = caller.path("vendor").asBoolean();
        if (!TENANTS.contains(tenantId) || (!vendor && !tenantId.toString().equals(caller.path("tenantId").asText()))) {
            respond(exchange, 404, JSON.createObjectNode().put("status", 404));
            return;
        }
        Integer callerLevel = null;
        List<UUID> held = new ArrayList<>();
        if (!caller.path("userId").isMissingNode() && !caller.path("userId").isNull()) {
            // the user's roles now, narrowed to the ones its token carries
            List<String> carried = new ArrayList<>();
            caller.path("roleKeys").forEach(k -> carried.add(k.asText()));
            MEMBERS.getOrDefault(tenantId + "/" + caller.path("userId").asText(), List.of()).stream()
                    .filter(id -> carried.contains(ROLES.get(id).key())).forEach(held::add);
        } else {
            caller.path("roleKeys").forEach(k -> ROLES.values().stream()
                    .filter(r -> r.key().equals(k.asText()) && (r.tenantId() == null || r.tenantId().equals(tenantId)))
                    .forEach(r -> held.add(r.id())));
        }
        for (UUID id : held) {
            int level = ROLES.get(id).level();
            callerLevel = callerLevel == null ? level : Math.min(callerLevel, level);
        }
        List<String> callerPermissions = new ArrayList<>();
        caller.path("permissions").forEach(p -> callerPermissions.add(p.asText()));
        ArrayNode refusals = JSON.createArrayNode();
        int i = 0;
        for (JsonNode idNode : q.path("roleIds")) {
            Role r = ROLES.get(UUID.fromString(idNode.asText()));
            String field = "roleIds[" + i++ + "]";
            if (r == null || (r.tenantId() != null && !r.tenantId().equals(tenantId))) {
                refusals.addObject().put("field", field).put("value", idNode.asText()).put("reason", "UNKNOWN_ROLE")
                        .put("detail", "no such role in this tenant");
            } else if (!vendor && (callerLevel == null || callerLevel > r.level())) {
                refusals.addObject().put("field", field).put("value", idNode.asText()).put("reason", "LEVEL")
                        .put("detail", "role " + r.key() + " is stronger than the caller");
            }
        }
        i = 0;
        for (JsonNode p : q.path("permissions")) {
            String field = "permissions[" + i++ + "]";
            if (p.asText().startsWith("no.such")) {
                refusals.addObject().put("field", field).put("value", p.asText()).put("reason", "UNKNOWN_PERMISSION")
                        .put("detail", "no such permission");
            } else if (!vendor && !callerPermissions.contains(p.asText()) && !callerPermissions.contains("*")) {
                refusals.addObject().put("field", field).put("value", p.asText()).put("reason", "PERMISSION")
                        .put("detail", "the caller does not hold " + p.asText());
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("allowed", refusals.isEmpty());
        answer.set("refusals", refusals);
        respond(exchange, 200, answer);
    }

    private void changes(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        long after = Long.parseLong(query.getOrDefault("after", "0"));
        long waitMillis = Math.min(2000, Long.parseLong(query.getOrDefault("waitMs", "0")));
        ObjectNode page = JSON.createObjectNode();
        synchronized (CHANGES) {
            if (CHANGES.size() <= after && waitMillis > 0) {
                try {
                    CHANGES.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ArrayNode list = page.putArray("changes");
            for (int i = (int) after; i < CHANGES.size(); i++) {
                list.add(CHANGES.get(i));
            }
            page.put("cursor", Math.max(after, CHANGES.size()));
            page.put("head", CHANGES.size());
        }
        respond(exchange, 200, page);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        StubServer.respond(exchange, status, JSON.writeValueAsString(body));
    }
}
