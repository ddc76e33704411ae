package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.sdk.auth.model.IntrospectionResponse;
import dev.latchkey.sdk.rbac.model.CreateRoleRequest;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.Role;
import dev.latchkey.sdk.rbac.model.SetMembershipRequest;
import dev.latchkey.sdk.token.api.TokensApi;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.Token;
import dev.latchkey.sdk.token.model.TokenType;
import dev.latchkey.system.verifiers.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * once, never listed, exchanged for a JWT that the gateway (Apache httpd with mod_auth_openidc, where it can run) lets
 * through to the API with its tenant and permissions, then deleted by the admin: exchanges fail within a second and
 * introspection calls it inactive.
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
    static Gateway.Ports gatewayPorts;
    /** Where clients' JWTs meet the vendor's API: the gateway where it can run. */
    static ResourceServer api;

    // what the journey builds, step by step
    static UUID tenant;
    static Role operator;
    static String adminSession;
    static TokensApi admin;
    static CreatedToken introspector;

    @BeforeAll
    static void start() throws Exception {
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        Map<String, String> env = LatchkeyIT.environment();
        String issuer = "http://127.0.0.1:" + ports.auth();
        if (Gateway.unavailable().isEmpty()) {
            // the gateway fetches the JWKS over https only: its TLS front is auth-service's public address
            gatewayPorts = Gateway.Ports.reserve();
            issuer = gatewayPorts.issuer();
            env.put("LATCHKEY_AUTH_ISSUER", issuer);
        }
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-journey"), ports, env, OUTPUT::add);
        oauth = new OAuth(ports.auth());
        jwks = new JwksResourceServer(oauth.baseUri(), issuer);
    }

    @AfterAll
    static void stop() throws IOException {
        if (api instanceof GatewayResourceServer real) {
            real.close();
        }
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

        tenant = rbac.tenants().createTenant(new CreateTenantRequest().name("Journey Corp")).getId();
        operator = rbac.roles().createTenantRole(tenant, new CreateRoleRequest().key("Operator")
                .name("Operator").description("Runs the tenant's integrations").level(5).permissions(OPERATOR_PERMISSIONS));
        assertEquals(5, operator.getLevel());
        assertEquals(tenant, operator.getTenantId());

        rbac.memberships().setMembership(tenant, "idp|alice", new SetMembershipRequest().roleIds(List.of(ADMIN)));
        rbac.memberships().setMembership(tenant, "idp|bob", new SetMembershipRequest().roleIds(List.of(MEMBER)));
        rbac.memberships().setMembership(tenant, "idp|olga",
                new SetMembershipRequest().roleIds(List.of(operator.getId())));

        assertEquals(List.of("Admin", "Operator", "Member"),
                rbac.roles().listTenantRoles(tenant).stream().map(Role::getKey).toList(), "strongest first");
        assertEquals(3L, rbac.memberships().listMemberships(tenant, 0, 50).getTotal());
        assertEquals("Journey Corp", rbac.tenants().getTenant(tenant).getName());
    }

    @Test
    @Order(2)
    void anAdminActsThroughTheVendorsTokenExchange() throws Exception {
        adminSession = oauth.actFor(vendor, "idp|alice", tenant);
        JwtClaims claims = jwks.claims(adminSession);
        assertEquals("idp|alice", claims.getStringClaimValue("user_id"));
        assertEquals(vendor.clientId(), ((Map<?, ?>) claims.getClaimValue("act")).get("sub"), "the JWT names the vendor");
        admin = Sdk.tokens(tokenUri(), adminSession);

        // the gateway's own credential, for introspection: a tenant token holding oauth.introspect only
        introspector = admin.createTenantToken(tenant, new CreateTokenRequest()
                .type(TokenType.CLIENT_CREDENTIALS).description("API gateway").permissionIds(List.of("oauth.introspect")));
        api = resourceServer();
    }

    /** The vendor's API behind the real gateway, or, where none can run here, a resource server verifying on its own. */
    static ResourceServer resourceServer() throws Exception {
        if (gatewayPorts == null) {
            System.out.println("JourneyIT without the gateway: " + Gateway.unavailable().orElseThrow()
                    + "; JWTs are verified against the JWKS by jose4j instead");
            return jwks;
        }
        return GatewayResourceServer.start(Path.of("target", "journey-gateway").toAbsolutePath(), gatewayPorts,
                oauth.baseUri(), introspector.getToken().getClientId(), introspector.getClientSecret());
    }

    @Test
    @Order(3)
    void aClientCredentialsTokenIsShownOnceExchangedLetThroughAndDeleted() throws Exception {
        CreatedToken created = admin.createTenantToken(tenant, new CreateTokenRequest()
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
        IntrospectionResponse active = introspect(jwt);
        assertTrue(active.getActive());
        assertEquals(tenant, active.getTenantId());
        assertEquals(created.getToken().getClientId(), active.getClientId());

        admin.deleteTenantToken(tenant, created.getToken().getId());
        within1s("a deleted client-credentials token is still exchanged",
                () -> oauth.clientCredentialsStatus(created.getToken().getClientId(), secret) == 401);
        assertFalse(introspect(jwt).getActive(), "its JWT is inactive");
    }

    @Test
    @Order(4)
    void anAccessKeyIsShownOnceExchangedLetThroughAndDeleted() throws Exception {
        CreatedToken created = admin.createTenantToken(tenant, new CreateTokenRequest()
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
        assertTrue(introspect(key).getActive());

        admin.deleteTenantToken(tenant, created.getToken().getId());
        within1s("a deleted access key is still exchanged", () -> oauth.exchangeAccessKeyStatus(key) != 200);
        assertFalse(introspect(key).getActive(), "the key is inactive");
        assertFalse(introspect(jwt).getActive(), "its JWT is inactive");
    }

    @Test
    @Order(5)
    void aPersonalTokenFollowsItsUsersRolesUntilTheAdminDeletesIt() throws Exception {
        String bobSession = oauth.actFor(vendor, "idp|bob", tenant);
        TokensApi bob = Sdk.tokens(tokenUri(), bobSession);
        CreatedToken created = bob.createPersonalToken(tenant,
                new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS).description("bob's laptop"));
        String clientId = created.getToken().getClientId();
        String secret = created.getClientSecret();
        assertEquals("idp|bob", created.getToken().getUserId());
        assertTrue(created.getToken().getAllRoles(), "no roles named: it follows all of bob's");
        List<Token> listed = Sdk.strictTokens(tokenUri(), bobSession).listPersonalTokens(tenant, 0, 50, null)
                .getItems();
        assertEquals(List.of(created.getToken().getId()), listed.stream().map(Token::getId).toList());
        assertFalse(listed.get(0).toString().contains(secret.substring(6)));

        ResourceServer.Seen asMember = api.call(oauth.clientCredentials(clientId, secret));
        assertEquals("idp|bob", asMember.subject());
        assertEquals(List.of("Member"), asMember.roles());
        assertFalse(asMember.permissions().contains("tokens.tenant.write"));

        Sdk.rbac(rbacUri(), adminSession).memberships().setMembership(tenant, "idp|bob", new SetMembershipRequest().roleIds(List.of(operator.getId())));
        within1s("the personal token's next JWT still carries bob's old roles",
                () -> api.call(oauth.clientCredentials(clientId, secret)).roles().equals(List.of("Operator")));
        assertEquals(OPERATOR_PERMISSIONS,
                api.call(oauth.clientCredentials(clientId, secret)).permissions().stream().sorted().toList());

        String jwt = oauth.clientCredentials(clientId, secret);
        admin.deletePersonalToken(tenant, created.getToken().getId());
        within1s("a deleted personal token is still exchanged", () -> oauth.clientCredentialsStatus(clientId, secret) == 401);
        assertFalse(introspect(jwt).getActive(), "its JWT is inactive");
    }

    /** The tenant's list holds the token with a hint of its secret and nothing more: a strict client reads it. */
    static void assertListedWithoutSecret(Token token, String secret) throws Exception {
        // A strict client fails on any field the contract does not name, so a secret could not hide in one.
        List<Token> listed = Sdk.strictTokens(tokenUri(), adminSession).listTenantTokens(tenant, 0, 50).getItems();
        Token item = listed.stream().filter(t -> t.getId().equals(token.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("the new token is not listed"));
        assertNotNull(item.getSecretHint());
        assertFalse(item.toString().contains(secret.substring(6)), "the list shows the secret");
        assertEquals(token.getDescription(), item.getDescription());
    }

    static IntrospectionResponse introspect(String token) throws Exception {
        return oauth.introspect(introspector.getToken().getClientId(), introspector.getClientSecret(), token);
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Rule 4: what a change makes true holds everywhere within a second of its acknowledgement. */
    static void within1s(String failure, Condition condition) throws Exception {
        long acknowledged = System.nanoTime();
        while (!condition.holds()) {
            if (System.nanoTime() - acknowledged > 1_000_000_000L) {
                throw new AssertionError(failure + " 1 s later");
            }
        }
    }
}
