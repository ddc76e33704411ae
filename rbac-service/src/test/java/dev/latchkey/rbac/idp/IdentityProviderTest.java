package dev.latchkey.rbac.idp;

import static dev.latchkey.rbac.RbacApi.MEMBER;
import static dev.latchkey.rbac.RbacApi.as;
import static dev.latchkey.rbac.RbacApi.asVendor;
import static dev.latchkey.rbac.RbacApi.createRole;
import static dev.latchkey.rbac.RbacApi.createTenant;
import static dev.latchkey.rbac.RbacApi.internal;
import static dev.latchkey.rbac.RbacApi.putUser;
import static dev.latchkey.rbac.RbacApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.problem.BearerChallenge;
import dev.latchkey.common.testing.IdentityProviderStub;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users signed in through the vendor's identity provider (common IdentityProviders, IdentityProviderSessions): its
 * access tokens act as user sessions with the user's live roles in the tenant its claim names, never as more. The
 * oracle for "never more" is rbac-service's own answer for the user ({@code GET /internal/.../users/{u}/access}),
 * whatever the provider's token claims besides.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(IdentityProviderStub.class)
class IdentityProviderTest {

    String tenant;
    String other;
    String reader;
    String user;

    @BeforeEach
    void setUp() {
        tenant = createTenant(unique("Idp Corp "));
        other = createTenant(unique("Other Corp "));
        reader = createRole(tenant, unique("Reader"), 20, "audit.read", "users.read", "tokens.personal.*");
        user = unique("kc-user-");
        putUser(tenant, user, reader);
        putUser(other, user, MEMBER);
    }

    @Test
    void aProviderTokenActsAsTheUserWithItsLiveRolesInItsTenant() {
        String token = IdentityProviderStub.token("corp", user, tenant);
        as(token).get("/me").then().statusCode(200).body("tenantId", equalTo(tenant)).body("userId", equalTo(user))
                .body("vendor", equalTo(false)).body("identityProvider", equalTo("corp"));
        JsonPath access = access(token, tenant);
        assertEquals(liveAccess(tenant, user), new TreeSet<>(access.getList("permissions")));
        assertEquals(List.of(reader), access.getList("roles.id"));
        // its own tenant only: the other tenant, where the same user is a member too, is "not found"
        as(token).get("/tenants/" + other + "/access").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        // and never the vendor
        as(token).get("/tenants").then().statusCode(403);
    }

    @Test
    void removingTheMembershipEndsTheAccessAtTheNextCall() {
        String token = IdentityProviderStub.token("corp", user, tenant);
        access(token, tenant);
        asVendor().delete("/tenants/" + tenant + "/users/" + user).then().statusCode(204);
        JsonPath after = access(token, tenant);
        assertEquals(List.of(), after.getList("permissions"));
        as(token).get("/tenants/" + tenant + "/users").then().statusCode(403);
    }

    @Test
    void aNonMemberHasNoRightsAndAnUnknownTenantIsNotFound() {
        String stranger = unique("nobody-");
        String token = IdentityProviderStub.token("corp", stranger, tenant);
        assertEquals(List.of(), access(token, tenant).getList("permissions"));
        as(token).get("/tenants/" + tenant + "/users").then().statusCode(403);
        String nowhere = IdentityProviderStub.token("corp", user, UUID.randomUUID().toString());
        as(nowhere).get("/me").then().statusCode(200).body("tenantId", nullValue());
        as(nowhere).get("/tenants/" + tenant + "/access").then().statusCode(404);
    }

    @Test
    void tokensThatAreNotTheProvidersForLatchkeyAre401() {
        JwtClaims wrongAudience = IdentityProviderStub.claims("corp", user, tenant);
        wrongAudience.setAudience("account");
        JwtClaims expired = IdentityProviderStub.claims("corp", user, tenant);
        expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 30)); // beyond the 10 s skew
        JwtClaims corpClaimsSignedByStranger = IdentityProviderStub.claims("corp", user, tenant);
        JwtClaims noUser = IdentityProviderStub.claims("corp", user, tenant);
        noUser.unsetClaim("sub");
        List<String> refused = List.of(
                IdentityProviderStub.sign("corp", wrongAudience),
                IdentityProviderStub.sign("corp", expired),
                // an issuer nobody configured, however well it signs
                IdentityProviderStub.token("stranger", user, tenant),
                // the configured issuer's name on another issuer's signature
                IdentityProviderStub.sign("stranger", corpClaimsSignedByStranger),
                IdentityProviderStub.sign("corp", noUser));
        for (String token : refused) {
            as(token).get("/tenants/" + tenant + "/access").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", equalTo(BearerChallenge.INVALID_TOKEN));
        }
    }

    /**
     * Whatever else a provider's token claims (vendor token type, every permission, Latchkey's own claim names for
     * tenant, user, token and roles), the caller holds exactly the user's live rights in the tenant the configured
     * claim names: the same as rbac-service's answer for that user.
     */
    @Test
    void noClaimOfTheProvidersTokenGrantsMoreThanTheUsersLiveRoles() {
        String admin = unique("kc-admin-");
        putUser(other, admin, dev.latchkey.rbac.RbacApi.ADMIN);
        List<String> hostileValues = List.of("vendor", "tenant", "personal", "*", "tokens.*", "Admin", other, admin);
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            JwtClaims claims = IdentityProviderStub.claims("corp", user, tenant);
            for (String name : List.of("token_type", "permissions", "roles", "scope", "user_id", "token_id", "act",
                    "client_id", "realm_access", "groups")) {
                if (random.nextBoolean()) {
                    List<String> values = new ArrayList<>();
                    for (int n = random.nextInt(3) + 1; n > 0; n--) {
                        values.add(hostileValues.get(random.nextInt(hostileValues.size())));
                    }
                    if (random.nextBoolean()) {
                        claims.setStringListClaim(name, values);
                    } else {
                        claims.setClaim(name, values.get(0));
                    }
                }
            }
            String token = IdentityProviderStub.sign("corp", claims);
            assertEquals(liveAccess(tenant, user), new TreeSet<>(access(token, tenant).getList("permissions")),
                    "claims " + claims.toJson());
            as(token).get("/me").then().statusCode(200).body("vendor", equalTo(false)).body("userId", equalTo(user))
                    .body("tenantId", equalTo(tenant));
            as(token).get("/tenants").then().statusCode(403);
            as(token).get("/tenants/" + other + "/access").then().statusCode(404);
        }
    }

    /**
     * The {@code ext} provider names tenants by external id and joins unknown users just in time, once, however many
     * of their first calls race; without it ({@code corp}) a stranger stays no member.
     */
    @Test
    void externalIdsAndJustInTimeMembership() throws Exception {
        String external = unique("acme-");
        String joined = asVendor().body("{\"name\": \"Ext Corp\", \"externalId\": \"" + external + "\"}").post("/tenants")
                .then().statusCode(201).body("externalId", equalTo(external)).extract().path("id");
        asVendor().body("{\"name\": \"Ext Twin\", \"externalId\": \"" + external + "\"}").post("/tenants")
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
        String email = unique("jo-") + "@ext.example";
        String token = IdentityProviderStub.token("ext", email, external);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> firstCalls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                firstCalls.add(CompletableFuture.supplyAsync(
                        () -> as(token).get("/tenants/" + joined + "/access").then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : firstCalls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdown();
        }
        JsonPath members = asVendor().get("/tenants/" + joined + "/users?size=100").then().statusCode(200).extract().jsonPath();
        assertEquals(1, members.getList("items.findAll { it.userId == '" + email + "' }").size());
        assertEquals(List.of("Member"), access(token, joined).getList("roles.key"));
        as(token).get("/me").then().statusCode(200).body("tenantId", equalTo(joined)).body("identityProvider", equalTo("ext"));
        // an external id that names no tenant: nowhere
        as(IdentityProviderStub.token("ext", email, unique("ghost-"))).get("/me").then().statusCode(200)
                .body("tenantId", nullValue());
        // the corp provider does not join strangers
        String stranger = unique("walk-in-");
        access(IdentityProviderStub.token("corp", stranger, joined), joined);
        asVendor().get("/tenants/" + joined + "/users/" + stranger).then().statusCode(404);
    }

    static JsonPath access(String token, String tenantId) {
        return as(token).get("/tenants/" + tenantId + "/access").then().statusCode(200).extract().jsonPath();
    }

    static TreeSet<String> liveAccess(String tenantId, String userId) {
        return new TreeSet<>(internal().get("/internal/tenants/" + tenantId + "/users/" + userId + "/access").then()
                .statusCode(200).extract().jsonPath().getList("permissions"));
    }

    @Test
    void meWithoutATokenIs401AndTheVendorIsInNoTenant() {
        given().get("/me").then().statusCode(401).header("WWW-Authenticate", equalTo(BearerChallenge.NONE_SENT));
        asVendor().get("/me").then().statusCode(200).body("vendor", equalTo(true)).body("tenantId", nullValue())
                .body("identityProvider", nullValue());
    }
}
