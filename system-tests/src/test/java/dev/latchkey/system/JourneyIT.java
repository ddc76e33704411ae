package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.sdk.rbac.model.CreateRoleRequest;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.Role;
import dev.latchkey.sdk.rbac.model.SetMemberRequest;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.Token;
import dev.latchkey.sdk.token.model.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's journey, end to end, through the generated Java SDK: the vendor bootstraps, creates a tenant, a level-5
 * role and three users; an admin, acting through the vendor's token exchange, creates a client-credentials token and
 * an access key for the tenant; a user makes a personal token that follows the user's roles. Each credential is shown
 * once, never listed, exchanged for a JWT that the resource server lets through with its tenant and permissions, then
 * deleted by the admin: exchanges fail within a second and introspection calls it inactive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyIT {

    static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final List<String> OPERATOR_PERMISSIONS = List.of("audit.read", "tokens.tenant.delete", "tokens.tenant.read",
            "tokens.tenant.write");
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();

    static Launcher launcher;
    static Launcher.Ports ports;
    static BootstrapCredential vendor;
    static OAuth oauth;
    static JwksResourceServer jwks;
    static ResourceServer api;

    // what the journey builds, step by step
    static UUID tenant;
    static Role operator;
    static String adminSession;
    static Sdk.Tokens admin;
    static CreatedToken gateway;

    @BeforeAll
    static void start() throws Exception {
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-journey"), ports,
                LatchkeyIT.environment(), OUTPUT::add);
        oauth = new OAuth(ports.auth());
        jwks = new JwksResourceServer(oauth.baseUri());
        api = jwks;
    }

    @AfterAll
    static void stop() throws IOException {
        if (launcher != null) {
            launcher.close();
        }
        Files.writeString(Path.of("target", "journey-it-services.log"), String.join("\n", OUTPUT));
    }

    static String rbacUri() {
        return "http://127.0.0.1:" + ports.rbac();
    }

    static String tokenUri() {
        return "http://127.0.0.1:" + ports.token();
    }

    @Test
    @Order(1)
    void theVendorBootstrapsAndSetsUpATenantWithRolesAndUsers() throws Exception {
        vendor = launcher.bootstrap().orElseThrow(() -> new AssertionError("the first start printed no credential"));
        assertTrue(vendor.clientSecret().startsWith("lk_cs_"));
        Sdk.Rbac rbac = Sdk.rbac(rbacUri(), oauth.clientCredentials(vendor.clientId(), vendor.clientSecret()));

        tenant = rbac.tenants().tenantsPost(new CreateTenantRequest().name("Journey Corp")).getId();
        operator = rbac.roles().tenantsTenantIdRolesPost(tenant, new CreateRoleRequest().key("Operator")
                .name("Operator").description("Runs the tenant's integrations").level(5).permissions(OPERATOR_PERMISSIONS));
        assertEquals(5, operator.getLevel());
        assertEquals(tenant, operator.getTenantId());

        rbac.users().tenantsTenantIdUsersUserIdPut(tenant, "idp|alice", new SetMemberRequest().roleIds(List.of(ADMIN)));
        rbac.users().tenantsTenantIdUsersUserIdPut(tenant, "idp|bob", new SetMemberRequest().roleIds(List.of(MEMBER)));
        rbac.users().tenantsTenantIdUsersUserIdPut(tenant, "idp|olga",
                new SetMemberRequest().roleIds(List.of(operator.getId())));
    }

    @Test
    @Order(2)
    void anAdminActsThroughTheVendorsTokenExchange() throws Exception {
        adminSession = oauth.actFor(vendor, "idp|alice", tenant.toString());
        JwtClaims claims = jwks.claims(adminSession);
        assertEquals("idp|alice", claims.getStringClaimValue("user_id"));
        assertEquals(vendor.clientId(), ((Map<?, ?>) claims.getClaimValue("act")).get("sub"), "the JWT names the vendor");
        admin = Sdk.tokens(tokenUri(), adminSession);

        // the gateway's own credential, for introspection: a tenant token holding oauth.introspect only
        gateway = admin.tenantTokens().tenantsTenantIdTokensPost(tenant, new CreateTokenRequest()
                .type(TokenType.CLIENT_CREDENTIALS).description("API gateway").permissionIds(List.of("oauth.introspect")));
    }

    @Test
    @Order(3)
    void aClientCredentialsTokenIsShownOnceExchangedLetThroughAndDeleted() throws Exception {
        CreatedToken created = admin.tenantTokens().tenantsTenantIdTokensPost(tenant, new CreateTokenRequest()
                .type(TokenType.CLIENT_CREDENTIALS).description("CI deploys").roleIds(List.of(operator.getId())));
        String secret = created.getClientSecret();
        assertTrue(secret.startsWith("lk_cs_"), "the secret is in the create response");
        assertEquals("CI deploys", created.getToken().getDescription());
        assertEquals(List.of(operator.getId()), created.getToken().getRoleIds());
        assertListedWithoutSecret(created.getToken(), secret);

        String jwt = oauth.clientCredentials(created.getToken().getClientId(), secret);
        ResourceServer.Seen seen = api.call(jwt);
        assertEquals(tenant.toString(), seen.tenantId());
        assertEquals("tenant", seen.tokenType());
        assertEquals(List.of("Operator"), seen.roles());
        assertEquals(OPERATOR_PERMISSIONS, seen.permissions().stream().sorted().toList());
        assertTrue(introspect(jwt).getBoolean("active"));

        admin.tenantTokens().tenantsTenantIdTokensTokenIdDelete(tenant, created.getToken().getId());
        within1s("a deleted client-credentials token is still exchanged",
                () -> oauth.clientCredentialsStatus(created.getToken().getClientId(), secret) == 401);
        assertFalse(introspect(jwt).getBoolean("active"), "its JWT is inactive");
    }

    @Test
    @Order(4)
    void anAccessKeyIsShownOnceExchangedLetThroughAndDeleted() throws Exception {
        CreatedToken created = admin.tenantTokens().tenantsTenantIdTokensPost(tenant, new CreateTokenRequest()
                .type(TokenType.ACCESS_TOKEN).description("Partner sync").roleIds(List.of(MEMBER)));
        String key = created.getAccessKey();
        assertTrue(key.startsWith("lk_at_"), "the key is in the create response");
        assertNull(created.getClientSecret());
        assertListedWithoutSecret(created.getToken(), key);

        String jwt = oauth.exchangeAccessKey(key);
        ResourceServer.Seen seen = api.call(jwt);
        assertEquals(tenant.toString(), seen.tenantId());
        assertEquals(List.of("Member"), seen.roles());
        assertTrue(seen.permissions().contains("tokens.tenant.read"));
        assertFalse(seen.permissions().contains("tokens.tenant.write"), "a Member's key cannot write tokens");
        assertTrue(introspect(key).getBoolean("active"));

        admin.tenantTokens().tenantsTenantIdTokensTokenIdDelete(tenant, created.getToken().getId());
        within1s("a deleted access key is still exchanged", () -> oauth.exchangeAccessKeyStatus(key) != 200);
        assertFalse(introspect(key).getBoolean("active"), "the key is inactive");
        assertFalse(introspect(jwt).getBoolean("active"), "its JWT is inactive");
    }

    @Test
    @Order(5)
    void aPersonalTokenFollowsItsUsersRolesUntilTheAdminDeletesIt() throws Exception {
        String bobSession = oauth.actFor(vendor, "idp|bob", tenant.toString());
        Sdk.Tokens bob = Sdk.tokens(tokenUri(), bobSession);
        CreatedToken created = bob.personalTokens().tenantsTenantIdPersonalTokensPost(tenant,
                new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS).description("bob's laptop"));
        String clientId = created.getToken().getClientId();
        String secret = created.getClientSecret();
        assertEquals("idp|bob", created.getToken().getUserId());
        assertTrue(created.getToken().getAllRoles(), "no roles named: it follows all of bob's");
        List<Token> listed = Sdk.strictTokens(tokenUri(), bobSession).personalTokens().tenantsTenantIdPersonalTokensGet(tenant, 0, 50, null)
                .getItems();
        assertEquals(List.of(created.getToken().getId()), listed.stream().map(Token::getId).toList());
        assertFalse(listed.get(0).toString().contains(secret.substring(6)));

        ResourceServer.Seen asMember = api.call(oauth.clientCredentials(clientId, secret));
        assertEquals("idp|bob", asMember.subject());
        assertEquals(List.of("Member"), asMember.roles());
        assertFalse(asMember.permissions().contains("tokens.tenant.write"));

        Sdk.rbac(rbacUri(), adminSession).users().tenantsTenantIdUsersUserIdPut(tenant, "idp|bob", new SetMemberRequest().roleIds(List.of(operator.getId())));
        within1s("the personal token's next JWT still carries bob's old roles",
                () -> api.call(oauth.clientCredentials(clientId, secret)).roles().equals(List.of("Operator")));
        assertEquals(OPERATOR_PERMISSIONS,
                api.call(oauth.clientCredentials(clientId, secret)).permissions().stream().sorted().toList());

        String jwt = oauth.clientCredentials(clientId, secret);
        admin.personalTokens().tenantsTenantIdPersonalTokensTokenIdDelete(tenant, created.getToken().getId());
        within1s("a deleted personal token is still exchanged", () -> oauth.clientCredentialsStatus(clientId, secret) == 401);
        assertFalse(introspect(jwt).getBoolean("active"), "its JWT is inactive");
    }

    /** The tenant's list holds the token with a hint of its secret and nothing more: a strict client reads it. */
    static void assertListedWithoutSecret(Token token, String secret) throws Exception {
        // A strict client fails on any field the contract does not name, so a secret could not hide in one.
        List<Token> listed = Sdk.strictTokens(tokenUri(), adminSession).tenantTokens().tenantsTenantIdTokensGet(tenant, 0, 50).getItems();
        Token item = listed.stream().filter(t -> t.getId().equals(token.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("the new token is not listed"));
        assertNotNull(item.getSecretHint());
        assertFalse(item.toString().contains(secret.substring(6)), "the list shows the secret");
        assertEquals(token.getDescription(), item.getDescription());
    }

    static io.restassured.path.json.JsonPath introspect(String token) {
        return oauth.introspect(gateway.getToken().getClientId(), gateway.getClientSecret(), token);
    }

    /** Rule 4: what a change makes true holds everywhere within a second of its acknowledgement. */
    static void within1s(String failure, BooleanSupplier condition) {
        long acknowledged = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - acknowledged > 1_000_000_000L) {
                throw new AssertionError(failure + " 1 s later");
            }
        }
    }
}
