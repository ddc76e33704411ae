package dev.latchkey.rbac.access;

import static dev.latchkey.rbac.RbacApi.ADMIN;
import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.access.Permission;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.rbac.RbacApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /tenants/{tenantId}/access: what the API Tokens page is told about its own caller. Each kind of caller sees its
 * own rights and exactly the roles the create-time grant check would let it put on a tenant token.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class CallerAccessTest {

    String tenant;
    String deployer;
    String reader;
    String auditor;
    String strongRole;
    List<String> usableKeys;

    @BeforeEach
    void setUp() {
        tenant = createTenant(unique("Access Corp "));
        deployer = createRole(tenant, "Deployer", 5, "tokens.tenant.*", "audit.read");
        reader = createRole(tenant, "Reader", 20, "audit.read", "users.read");
        auditor = createRole(tenant, "Auditor", 15, "audit.read", "settings.write");
        strongRole = createRole(tenant, "Operator", 3, "tokens.tenant.read");
        usableKeys = asVendor().get("/tenants/" + tenant + "/roles").then().statusCode(200).extract().jsonPath().getList("key");
    }

    /** This test's roles and the built-in ones, in the order given: other tests may add global roles. */
    static final List<String> OURS = List.of("Admin", "Operator", "Deployer", "Member", "Auditor", "Reader");

    static List<String> ours(JsonPath a, String path) {
        List<String> keys = a.getList(path);
        return keys.stream().filter(OURS::contains).toList();
    }

    /** Strongest first, then by key: the order the page shows them in. */
    static void assertSortedByLevelThenKey(JsonPath a) {
        List<java.util.Map<String, Object>> roles = a.getList("grantableRoles");
        for (int i = 1; i < roles.size(); i++) {
            int previous = (Integer) roles.get(i - 1).get("level");
            int level = (Integer) roles.get(i).get("level");
            assertTrue(previous < level || previous == level
                    && ((String) roles.get(i - 1).get("key")).compareTo((String) roles.get(i).get("key")) < 0,
                    "not sorted at " + i + ": " + roles);
        }
    }

    JsonPath access(String jwt) {
        return as(jwt).get("/tenants/" + tenant + "/access").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    String user(String... roleIds) {
        String user = unique("u-");
        putUser(tenant, user, roleIds);
        return user;
    }

    @Test
    void anAdminMayGiveEveryRoleAndHoldsEveryPermission() {
        String admin = user(ADMIN);
        JsonPath a = access(RbacApi.personalToken(tenant, admin, "Admin"));
        assertEquals(tenant, a.getString("tenantId"));
        assertFalse(a.getBoolean("vendor"));
        assertEquals(admin, a.getString("userId"));
        assertEquals(0, a.getInt("level"));
        assertEquals(List.of("Admin"), a.getList("roles.key"));
        assertTrue(a.getList("permissions").containsAll(Permission.BUILT_IN));
        assertEquals(new java.util.TreeSet<>(usableKeys), new java.util.TreeSet<>(a.getList("grantableRoles.key")));
        assertEquals(OURS, ours(a, "grantableRoles.key"));
        assertSortedByLevelThenKey(a);
        assertEquals("Everything in the tenant", a.getString("grantableRoles[0].description"));
        assertEquals("Deployer", a.getString("grantableRoles.find { it.key == 'Deployer' }.name"));
    }

    @Test
    void aMemberMayGiveOnlyRolesAtOrBelowItsLevelWhosePermissionsItHolds() {
        String member = user(MEMBER);
        JsonPath a = access(RbacApi.personalToken(tenant, member, "Member"));
        assertEquals(10, a.getInt("level"));
        List<String> held = a.getList("permissions");
        assertFalse(held.contains(Permission.TOKENS_TENANT_WRITE), "a Member cannot create tenant tokens");
        assertTrue(held.containsAll(List.of("tokens.tenant.read", "tokens.personal.read", "tokens.personal.write",
                "tokens.personal.delete", "roles.read", "users.read", "audit.read", "settings.read")));
        // Reader (20; audit.read, users.read): held and weaker. Auditor (15) grants settings.write, which it lacks.
        // Deployer (5), Operator (3) and Admin (0) are stronger.
        assertEquals(List.of("Member", "Reader"), ours(a, "grantableRoles.key"));
        assertSortedByLevelThenKey(a);
    }

    @Test
    void aLevelFiveCustomRoleUserMayGiveWhatItsRoleReaches() {
        String user = user(deployer);
        JsonPath a = access(RbacApi.personalToken(tenant, user, "Deployer"));
        assertEquals(5, a.getInt("level"));
        assertEquals(List.of("Deployer"), a.getList("roles.key"));
        assertEquals(List.of("audit.read", "tokens.tenant.delete", "tokens.tenant.read", "tokens.tenant.write"),
                a.getList("permissions"));
        // itself (same level, same patterns); Operator is stronger; Reader and Member grant keys it lacks
        assertEquals(List.of("Deployer"), ours(a, "grantableRoles.key"));
    }

    @Test
    void aNarrowedTokenIsToldItsNarrowedRights() {
        String user = user(MEMBER, deployer);
        // A personal token narrowed to Member, of a user who also holds Deployer: level 10, no tokens.tenant.write
        JsonPath narrowed = access(RbacApi.personalToken(tenant, user, "Member"));
        assertEquals(10, narrowed.getInt("level"));
        assertFalse(narrowed.getList("permissions").contains(Permission.TOKENS_TENANT_WRITE));
        assertEquals(List.of("Member", "Reader"), ours(narrowed, "grantableRoles.key"));
        // A JWT whose scope dropped tokens.tenant.write: Deployer is no longer carried, nor grantable
        String scoped = JwksStub.personalToken(tenant, user, List.of("Deployer"),
                List.of("tokens.tenant.read", "tokens.tenant.delete", "audit.read"));
        JsonPath s = access(scoped);
        assertEquals(List.of("audit.read", "tokens.tenant.delete", "tokens.tenant.read"), s.getList("permissions"));
        assertEquals(List.of(), s.getList("roles"));
        as(scoped).get("/tenants/" + tenant + "/access").then().body("level", nullValue());
        assertEquals(List.of(), s.getList("grantableRoles"));
    }

    @Test
    void aTenantTokenHasNoUserAndItsRolesDecide() {
        JsonPath a = access(JwksStub.tenantToken(tenant, List.of("Reader"), List.of("audit.read", "users.read")));
        assertEquals(null, a.getString("userId"));
        assertEquals(20, a.getInt("level"));
        assertEquals(List.of("Reader"), ours(a, "grantableRoles.key"));
    }

    @Test
    void theVendorMayGiveEveryRole() {
        JsonPath a = access(JwksStub.vendorToken());
        assertTrue(a.getBoolean("vendor"));
        assertEquals(null, a.getString("userId"));
        assertEquals(new java.util.TreeSet<>(usableKeys), new java.util.TreeSet<>(a.getList("grantableRoles.key")));
        assertEquals(OURS, ours(a, "grantableRoles.key"));
        assertEquals(List.of(), a.getList("roles"));
    }

    @Test
    void anotherTenantOrAMissingOneIsNotFound() {
        String other = createTenant(unique("Other Corp "));
        String admin = user(ADMIN);
        String jwt = RbacApi.personalToken(tenant, admin, "Admin");
        for (String t : List.of(other, UUID.randomUUID().toString())) {
            as(jwt).get("/tenants/" + t + "/access").then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
        }
        asVendor().get("/tenants/" + UUID.randomUUID() + "/access").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void withoutABearerTokenItIsUnauthorized() {
        RestAssured.given().get("/tenants/" + tenant + "/access").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
