package dev.latchkey.rbac.access;

import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.json;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rule matrix over real HTTP: random callers of every kind (vendor, tenant token, narrowed personal token,
 * scope-narrowed JWT, vendor-made user session) try every operation that gives, takes, changes or deletes a role or a
 * membership, and the grant check token-service asks before it creates, changes, rolls or deletes a token. Every answer
 * must be what {@link RulesOracle} predicts. Seeded, so a failure repeats; the seed is in the message.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class RuleMatrixTest {

    static final int TRIALS = 300;
    static final String[] KINDS = {"vendor", "tenant token", "narrowed personal token", "scope-narrowed JWT", "user session"};
    static final String[] OPERATIONS = {"add user", "change user's roles", "remove user", "create role", "change role",
            "delete role", "token grant check"};

    final Random random = new Random(Long.getLong("latchkey.matrix.seed", 20261201L));
    final Map<String, String> roleIds = new LinkedHashMap<>();
    final Map<String, RulesOracle.R> roles = new LinkedHashMap<>();
    String tenant;
    RulesOracle oracle;

    @Test
    void everyOperationOfEveryCallerKindAnswersAsTheRulesPredict() {
        tenant = createTenant("Matrix Corp");
        // every key registered now (other tests may have added some): what an unnarrowed JWT issued now carries
        oracle = new RulesOracle(asVendor().get("/permissions").then().statusCode(200).extract().jsonPath().getList("key"));
        for (int i = 0; i < 8; i++) {
            RulesOracle.R role = newRole();
            roles.put(role.key(), role);
        }
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            String kind = KINDS[trial % KINDS.length];
            String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
            Caller caller = caller(kind);
            String outcome = attempt(caller, operation);
            if (outcome != null) {
                failures.add("trial " + trial + " (" + kind + ", " + operation + "): " + outcome + "; caller " + caller.oracle);
            }
        }
        assertEquals(List.of(), failures);
    }

    record Caller(String jwt, String claimsJson, RulesOracle.Caller oracle) {
    }

    private Caller caller(String kind) {
        if (kind.equals("vendor")) {
            return new Caller(JwksStub.vendorToken(), "{\"vendor\":true}", RulesOracle.Caller.vendorCaller());
        }
        List<String> keys = pick(new ArrayList<>(roles.keySet()), 0, 3);
        if (kind.equals("tenant token")) {
            Set<String> claim = claim(keys, random.nextInt(4) == 0);
            return new Caller(JwksStub.tenantToken(tenant, keys, List.copyOf(claim)),
                    claims(null, keys, claim), new RulesOracle.Caller(false, oracleRoles(keys), Set.of(), claim));
        }
        String user = unique("caller-");
        putUser(user, keys);
        List<String> carried = kind.equals("narrowed personal token") ? pick(keys, 0, keys.size()) : keys;
        Set<String> claim = claim(carried, kind.equals("scope-narrowed JWT"));
        String jwt = kind.equals("user session") ? JwksStub.userSession(tenant, user, carried, List.copyOf(claim))
                : JwksStub.personalToken(tenant, user, carried, List.copyOf(claim));
        return new Caller(jwt, claims(user, carried, claim), new RulesOracle.Caller(false, oracleRoles(carried), Set.of(), claim));
    }

    /** What auth-service puts in the JWT: the keys the roles grant, narrowed by a random scope when asked. */
    private Set<String> claim(List<String> keys, boolean scoped) {
        Set<String> patterns = new TreeSet<>();
        keys.forEach(k -> patterns.addAll(roles.get(k).patterns()));
        Set<String> claim = oracle.keysOf(patterns);
        if (scoped) {
            claim.retainAll(pick(oracle.keys, 0, 8));
        }
        return claim;
    }

    /** Null when the answer is the predicted one, else what differed. */
    private String attempt(Caller caller, String operation) {
        RulesOracle.Caller c = caller.oracle;
        Set<String> held = oracle.held(c);
        switch (operation) {
            case "add user" -> {
                List<String> give = pick(new ArrayList<>(roles.keySet()), 1, 3);
                boolean allowed = held.contains("users.write") && give.stream().allMatch(k -> oracle.reaches(c, roles.get(k)));
                return compare(allowed ? 201 : 403, as(caller.jwt).body(rolesOf(give)).put(usersPath(unique("new-"))));
            }
            case "change user's roles" -> {
                String user = unique("target-");
                List<String> before = pick(new ArrayList<>(roles.keySet()), 1, 3);
                putUser(user, before);
                List<String> after = pick(new ArrayList<>(roles.keySet()), 0, 3);
                boolean allowed = held.contains("users.write")
                        && after.stream().allMatch(k -> oracle.reaches(c, roles.get(k)))
                        && before.stream().filter(k -> !after.contains(k)).allMatch(k -> oracle.reaches(c, roles.get(k)));
                return compare(allowed ? 200 : 403, as(caller.jwt).body(rolesOf(after)).put(usersPath(user)));
            }
            case "remove user" -> {
                String user = unique("target-");
                List<String> heldRoles = pick(new ArrayList<>(roles.keySet()), 0, 3);
                putUser(user, heldRoles);
                boolean allowed = held.contains("users.write")
                        && heldRoles.stream().allMatch(k -> oracle.reaches(c, roles.get(k)));
                return compare(allowed ? 204 : 403, as(caller.jwt).delete(usersPath(user)));
            }
            case "create role" -> {
                int level = random.nextInt(21);
                List<String> patterns = pick(RulesOracle.PATTERNS, 0, 3);
                boolean allowed = held.contains("roles.write") && oracle.mayCreateRole(c, level, Set.copyOf(patterns));
                return compare(allowed ? 201 : 403, as(caller.jwt).body(roleBody(unique("R"), level, patterns))
                        .post("/tenants/" + tenant + "/roles"));
            }
            case "change role" -> {
                RulesOracle.R target = newRole();
                int level = random.nextInt(21);
                List<String> patterns = pick(RulesOracle.PATTERNS, 0, 3);
                boolean allowed = held.contains("roles.write") && oracle.reaches(c, target)
                        && oracle.mayCreateRole(c, level, Set.copyOf(patterns));
                return compare(allowed ? 200 : 403, as(caller.jwt)
                        .body("{\"level\":" + level + ",\"permissions\":" + json(patterns.toArray(String[]::new)) + "}")
                        .patch("/tenants/" + tenant + "/roles/" + roleIds.get(target.key())));
            }
            case "delete role" -> {
                RulesOracle.R target = newRole();
                boolean allowed = held.contains("roles.write") && oracle.reaches(c, target);
                return compare(allowed ? 204 : 403, as(caller.jwt).delete("/tenants/" + tenant + "/roles/" + roleIds.get(target.key())));
            }
            default -> {
                List<String> give = pick(new ArrayList<>(roles.keySet()), 0, 2);
                List<String> patterns = give.isEmpty() ? pick(RulesOracle.PATTERNS, 1, 3) : List.of();
                boolean allowed = give.stream().allMatch(k -> oracle.reaches(c, roles.get(k)))
                        && patterns.stream().allMatch(p -> oracle.mayGive(c, p));
                Response answer = internal().body("{\"caller\":" + caller.claimsJson + ",\"roleIds\":" + idsOf(give)
                        + ",\"permissions\":" + json(patterns.toArray(String[]::new)) + "}")
                        .post("/internal/tenants/" + tenant + "/grant-checks");
                boolean said = answer.statusCode() == 200 && answer.jsonPath().getBoolean("allowed");
                return said == allowed ? null : "grant check said " + said + ", expected " + allowed + ": " + answer.asString();
            }
        }
    }

    private static String compare(int expected, Response answer) {
        return answer.statusCode() == expected ? null
                : "expected " + expected + ", got " + answer.statusCode() + " " + answer.asString();
    }

    /** A role the vendor creates; only the first ones join the pool that callers and users draw from. */
    private RulesOracle.R newRole() {
        String key = unique("r");
        int level = random.nextInt(21);
        List<String> patterns = pick(RulesOracle.PATTERNS, 1, 3);
        String id = asVendor().body(roleBody(key, level, patterns)).post("/tenants/" + tenant + "/roles")
                .then().statusCode(201).extract().path("id");
        roleIds.put(key, id);
        return new RulesOracle.R(key, level, Set.copyOf(patterns));
    }

    private void putUser(String user, List<String> keys) {
        asVendor().body(rolesOf(keys)).put(usersPath(user)).then().statusCode(201);
    }

    private List<RulesOracle.R> oracleRoles(List<String> keys) {
        return keys.stream().map(roles::get).toList();
    }

    private String usersPath(String user) {
        return "/tenants/" + tenant + "/users/" + user;
    }

    private String rolesOf(List<String> keys) {
        return "{\"roleIds\":" + idsOf(keys) + "}";
    }

    private String idsOf(List<String> keys) {
        return json(keys.stream().map(roleIds::get).toArray(String[]::new));
    }

    private String claims(String user, List<String> keys, Set<String> claim) {
        return "{\"vendor\":false,\"tenantId\":\"" + tenant + "\"" + (user == null ? "" : ",\"userId\":\"" + user + "\"")
                + ",\"roleKeys\":" + json(keys.toArray(String[]::new)) + ",\"permissions\":" + json(claim.toArray(String[]::new)) + "}";
    }

    private static String roleBody(String key, int level, List<String> patterns) {
        return "{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"level\":" + level + ",\"permissions\":"
                + json(patterns.toArray(String[]::new)) + "}";
    }

    /** Between min and max distinct items, in random order. */
    private <T> List<T> pick(List<T> from, int min, int max) {
        List<T> pool = new ArrayList<>(from);
        java.util.Collections.shuffle(pool, random);
        int n = Math.min(pool.size(), min + random.nextInt(Math.max(1, max - min + 1)));
        return new ArrayList<>(pool.subList(0, n));
    }
}
