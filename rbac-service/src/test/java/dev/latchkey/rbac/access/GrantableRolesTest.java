package dev.latchkey.rbac.access;

import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.json;
import static dev.latchkey.rbac.RbacApi.roleBody;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The property the API Tokens page relies on, over real HTTP and PostgreSQL: for random roles, levels and callers of
 * every kind, the {@code grantableRoles} of {@code GET /tenants/{tenantId}/access} are exactly the usable roles for which
 * the create-time grant check ({@code POST /internal/tenants/{tenantId}/grant-checks}, what token-service asks before
 * it creates a tenant token) answers "allowed", and, for this test's roles, exactly the ones {@link RulesOracle}
 * predicts. jqwik cannot host a Quarkus application, so this is a seeded random walk like {@link RuleMatrixTest}
 * (the seed is in every failure; {@code -Dlatchkey.grantable.seed=...} repeats one); the same property over the pure
 * code runs under jqwik in {@link AccessPropertyTest}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class GrantableRolesTest {

    static final int TENANTS = 4;
    static final int CALLERS_PER_TENANT = 25;
    static final String[] KINDS = {"tenant token", "narrowed personal token", "scope-narrowed JWT", "user session",
            "vendor"};

    final long seed = Long.getLong("latchkey.grantable.seed", 20261212L);
    final Random random = new Random(seed);
    RulesOracle oracle;

    @Test
    void grantableRolesAreExactlyTheRolesTheGrantCheckAllows() {
        oracle = new RulesOracle(asVendor().get("/permissions").then().statusCode(200).extract().jsonPath().getList("key"));
        List<String> failures = new ArrayList<>();
        int checks = 0;
        for (int t = 0; t < TENANTS; t++) {
            String tenant = createTenant(unique("Grantable "));
            Map<String, RulesOracle.R> roles = new LinkedHashMap<>();
            Map<String, String> ids = new LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                RulesOracle.R role = new RulesOracle.R(unique("g"), random.nextInt(21), Set.copyOf(pick(RulesOracle.PATTERNS, 1, 3)));
                ids.put(role.key(), asVendor().body(roleBody(role.key(), role.level(), role.patterns().toArray(String[]::new)))
                        .post("/tenants/" + tenant + "/roles").then().statusCode(201).extract().path("id"));
                roles.put(role.key(), role);
            }
            List<String> usable = asVendor().get("/tenants/" + tenant + "/roles").then().statusCode(200)
                    .extract().jsonPath().getList("id");
            for (int c = 0; c < CALLERS_PER_TENANT; c++) {
                Caller caller = caller(KINDS[c % KINDS.length], tenant, roles, ids);
                JsonPath access = as(caller.jwt).get("/tenants/" + tenant + "/access").then().statusCode(200)
                        .extract().jsonPath();
                Set<String> offered = new TreeSet<>(access.getList("grantableRoles.id"));
                Set<String> allowed = new TreeSet<>();
                for (String id : usable) {
                    checks++;
                    JsonPath answer = internal().body("{\"caller\":" + caller.claimsJson + ",\"roleIds\":[\"" + id + "\"]}")
                            .post("/internal/tenants/" + tenant + "/grant-checks").then().statusCode(200).extract().jsonPath();
                    if (answer.getBoolean("allowed")) {
                        allowed.add(id);
                    }
                }
                Set<String> predicted = new TreeSet<>();
                roles.forEach((key, role) -> {
                    if (oracle.reaches(caller.oracle, role)) {
                        predicted.add(ids.get(key));
                    }
                });
                Set<String> offeredOfOurs = new TreeSet<>(offered);
                offeredOfOurs.retainAll(ids.values());
                String where = "seed " + seed + ", tenant " + t + ", caller " + c + " (" + caller.kind + ", " + caller.oracle + ")";
                if (!offered.equals(allowed)) {
                    failures.add(where + ": offered " + offered + " but the grant check allows " + allowed);
                }
                if (!offeredOfOurs.equals(predicted)) {
                    failures.add(where + ": offered " + offeredOfOurs + " but the rules predict " + predicted);
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " failures in " + checks + " grant checks");
    }

    record Caller(String kind, String jwt, String claimsJson, RulesOracle.Caller oracle) {
    }

    /** A caller of the tenant, its JWT as auth-service would issue it, and its claims as token-service forwards them. */
    private Caller caller(String kind, String tenant, Map<String, RulesOracle.R> roles, Map<String, String> ids) {
        if (kind.equals("vendor")) {
            return new Caller(kind, JwksStub.vendorToken(), "{\"vendor\":true}", RulesOracle.Caller.vendorCaller());
        }
        List<String> keys = pick(new ArrayList<>(roles.keySet()), 0, 3);
        List<RulesOracle.R> held = keys.stream().map(roles::get).toList();
        if (kind.equals("tenant token")) {
            Set<String> claim = claim(held, random.nextInt(4) == 0);
            return new Caller(kind, JwksStub.tenantToken(tenant, keys, List.copyOf(claim)), claims(tenant, null, keys, claim),
                    new RulesOracle.Caller(false, held, Set.of(), claim));
        }
        String user = unique("caller-");
        asVendor().body("{\"roleIds\":" + json(keys.stream().map(ids::get).toArray(String[]::new)) + "}")
                .put("/tenants/" + tenant + "/users/" + user).then().statusCode(201);
        List<String> carried = kind.equals("narrowed personal token") ? pick(keys, 0, keys.size()) : keys;
        List<RulesOracle.R> carriedRoles = carried.stream().map(roles::get).toList();
        Set<String> claim = claim(carriedRoles, kind.equals("scope-narrowed JWT"));
        String jwt = kind.equals("user session") ? JwksStub.userSession(tenant, user, carried, List.copyOf(claim))
                : JwksStub.personalToken(tenant, user, carried, List.copyOf(claim));
        return new Caller(kind, jwt, claims(tenant, user, carried, claim),
                new RulesOracle.Caller(false, carriedRoles, Set.of(), claim));
    }

    /** What auth-service puts in the JWT: the keys the roles grant, narrowed by a random scope when asked. */
    private Set<String> claim(List<RulesOracle.R> held, boolean scoped) {
        Set<String> patterns = new TreeSet<>();
        held.forEach(r -> patterns.addAll(r.patterns()));
        Set<String> claim = oracle.keysOf(patterns);
        if (scoped) {
            claim.retainAll(pick(oracle.keys, 0, 8));
        }
        return claim;
    }

    private static String claims(String tenant, String user, List<String> keys, Set<String> claim) {
        return "{\"vendor\":false,\"tenantId\":\"" + tenant + "\"" + (user == null ? "" : ",\"userId\":\"" + user + "\"")
                + ",\"roleKeys\":" + json(keys.toArray(String[]::new)) + ",\"permissions\":" + json(claim.toArray(String[]::new)) + "}";
    }

    /** Between min and max distinct items, in random order. */
    private <T> List<T> pick(List<T> from, int min, int max) {
        List<T> pool = new ArrayList<>(from);
        Collections.shuffle(pool, random);
        int n = Math.min(pool.size(), min + random.nextInt(Math.max(1, max - min + 1)));
        return new ArrayList<>(pool.subList(0, n));
    }
}
