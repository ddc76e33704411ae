package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sdk.auth.invoker.ApiException;
import dev.latchkey.sdk.auth.model.TokenResponse;
import dev.latchkey.sdk.rbac.api.TenantsApi;
import dev.latchkey.sdk.rbac.invoker.ApiResponse;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.Tenant;
import dev.latchkey.sdk.token.api.TokensApi;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.RollRequest;
import dev.latchkey.sdk.token.model.Problem;
import dev.latchkey.sdk.token.model.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
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
 * The three packaged services on one real PostgreSQL, started as the run command starts them, driven through the
 * generated Java SDK: bootstrap credential, JWT, verification against the JWKS, a tenant created and read back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatchkeyIT {

    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static Path data;
    static Launcher.Ports ports;
    static Launcher launcher;
    static BootstrapCredential bootstrap;
    static OAuth oauth;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("latchkey-it");
        ports = new Launcher.Ports(freePort(), freePort(), freePort());
        launcher = Launcher.start(root(), data, ports, environment(), OUTPUT::add);
        System.out.println("Three services ready in " + launcher.startup().toMillis() + " ms");
        bootstrap = launcher.bootstrap().orElseThrow(() -> new AssertionError("no bootstrap credential was printed"));
        oauth = new OAuth(auth());
    }

    @AfterAll
    static void stop() throws IOException {
        if (launcher != null) {
            launcher.close();
        }
        Files.writeString(Path.of("target", "latchkey-it-services.log"), String.join("\n", OUTPUT));
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("LATCHKEY_BOOTSTRAP_CLIENT_ID");
        env.remove("LATCHKEY_BOOTSTRAP_CLIENT_SECRET");
        return env;
    }

    /** Removes a test's data directory (the launcher keeps its data, as the run command must). */
    static void deleteDirectory(Path directory) throws IOException {
        if (directory != null && Files.isDirectory(directory)) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    static Path root() {
        return Path.of(System.getProperty("latchkey.root", "..")).toAbsolutePath().normalize();
    }

    /** A port for a service (or any server a test starts) that no other one in this run gets: {@link Launcher#freePort}. */
    static int freePort() {
        return Launcher.freePort();
    }

    static String auth() {
        return "http://127.0.0.1:" + ports.auth();
    }

    static String rbac() {
        return "http://127.0.0.1:" + ports.rbac();
    }

    static String jwt() throws Exception {
        return oauth.clientCredentials(bootstrap.clientId(), bootstrap.clientSecret());
    }

    @Test
    @Order(1)
    void bootstrapCredentialJwtVerifiedTenantCreatedAndReadBack() throws Exception {
        String jwt = jwt();
        JwtClaims claims = new JwksResourceServer(auth(), auth()).claims(jwt);
        assertEquals(bootstrap.clientId(), claims.getSubject());
        assertEquals("vendor", claims.getStringClaimValue("token_type"));
        assertTrue(claims.getExpirationTime().getValue() > claims.getIssuedAt().getValue());

        TenantsApi tenants = Sdk.rbac(rbac(), jwt).tenants();
        ApiResponse<Tenant> created = tenants.createTenantWithHttpInfo(new CreateTenantRequest().name("Acme Corp"));
        assertEquals(201, created.getStatusCode());
        UUID id = created.getData().getId();
        assertTrue(created.getHeaders().get("Location").get(0).endsWith("/tenants/" + id), created.getHeaders().toString());
        assertEquals("Acme Corp", tenants.getTenant(id).getName());
        assertTrue(tenants.listTenants(0, 50).getItems().stream().anyMatch(t -> t.getId().equals(id)));
    }

    @Test
    @Order(2)
    void clientSecretPostWorksAndAWrongSecretIsInvalidClient() throws Exception {
        TokenResponse posted = oauth.oauth2().requestToken(OAuth.CLIENT_CREDENTIALS, null, bootstrap.clientId(),
                bootstrap.clientSecret(), null, null, null, null);
        assertEquals("Bearer", posted.getTokenType());
        String wrong = bootstrap.clientSecret().substring(0, 30) + (bootstrap.clientSecret().charAt(30) == 'A' ? 'B' : 'A')
                + bootstrap.clientSecret().substring(31);
        ApiException refused = assertThrows(ApiException.class, () -> oauth.clientCredentials(bootstrap.clientId(), wrong));
        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"invalid_client\""), refused.getResponseBody());
        assertTrue(refused.getResponseHeaders().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
    }

    @Test
    @Order(3)
    void rbacRefusesMissingAndForeignTokens() throws Exception {
        // the SDK sends no Authorization header until the user adds one
        dev.latchkey.sdk.rbac.invoker.ApiClient anonymous = new dev.latchkey.sdk.rbac.invoker.ApiClient();
        anonymous.updateBaseUri(rbac());
        dev.latchkey.sdk.rbac.invoker.ApiException missing = assertThrows(dev.latchkey.sdk.rbac.invoker.ApiException.class,
                () -> new TenantsApi(anonymous).listTenants(0, 50));
        assertEquals(401, missing.getCode());
        assertTrue(missing.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        String jwt = jwt();
        String[] parts = jwt.split("\\.");
        String otherSignature = jwt().split("\\.")[2];
        String forged = parts[0] + "." + parts[1] + "." + otherSignature.replace('A', 'B').replace('Q', 'A');
        assertEquals(401, Sdk.refusal(() -> Sdk.rbac(rbac(), forged).tenants().listTenants(0, 50)));
    }

    @Test
    @Order(4)
    void aTenantTokenMadeThroughRealRbacIsExchangedThenDeletedAndRefused() throws Exception {
        String vendor = jwt();
        TokensApi tokens = Sdk.tokens("http://127.0.0.1:" + ports.token(), vendor);
        UUID tenant = Sdk.rbac(rbac(), vendor).tenants().createTenant(new CreateTenantRequest().name("Token Corp")).getId();
        // the level rule is rbac-service's answer: a foreign or missing role is refused by name
        dev.latchkey.sdk.token.invoker.ApiException unknownRole = assertThrows(dev.latchkey.sdk.token.invoker.ApiException.class,
                () -> tokens.createTenantToken(tenant, new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS)
                        .roleIds(List.of(UUID.randomUUID()))));
        assertEquals(400, unknownRole.getCode());
        Problem problem = new ObjectMapper().readValue(unknownRole.getResponseBody(), Problem.class);
        assertEquals("roleIds[0]", problem.getViolations().get(0).getField());

        CreatedToken created = tokens.createTenantToken(tenant, new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS)
                .description("ci").roleIds(List.of(UUID.fromString("00000000-0000-4000-8000-000000000010"))));
        String clientId = created.getToken().getClientId();
        String secret = created.getClientSecret();

        oauth.clientCredentials(clientId, secret);
        tokens.deleteTenantToken(tenant, created.getToken().getId());
        // Rule 4: refused within a second of the 204 (the change feed usually takes a few milliseconds, so the
        // very next exchange can still race it)
        long deleted = System.nanoTime();
        while (oauth.clientCredentialsStatus(clientId, secret) == 200) {
            if (System.nanoTime() - deleted > 1_000_000_000L) {
                throw new AssertionError("a deleted token was still exchanged 1 s after its delete");
            }
        }
        ApiException refused = assertThrows(ApiException.class, () -> oauth.clientCredentials(clientId, secret));
        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"invalid_client\""), refused.getResponseBody());
    }

    @Test
    @Order(5)
    void secretIsOnlyHashedInTheDatabaseAndOnlyInTheBannerOfTheOutput() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = launcher.postgres().connect("latchkey_token");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT t::text FROM api_token t")) {
            while (rs.next()) {
                dump.append(rs.getString(1));
            }
        }
        assertTrue(dump.toString().contains(bootstrap.clientId()));
        assertFalse(dump.toString().contains(bootstrap.clientSecret().substring(6)), "secret in the table dump");

        List<String> withSecret = OUTPUT.stream().filter(l -> l.contains(bootstrap.clientSecret().substring(6, 30))).toList();
        assertEquals(1, withSecret.size(), "the secret is printed exactly once: " + withSecret.size());
        assertTrue(withSecret.get(0).contains("client_secret:"), "and only in the bootstrap banner");
    }

    @Test
    @Order(6)
    void restartKeepsDataAndPrintsNoSecret() throws Exception {
        long tenants = Sdk.rbac(rbac(), jwt()).tenants().listTenants(0, 50).getTotal();
        launcher.close();
        OUTPUT.clear();
        launcher = Launcher.start(root(), data, ports, environment(), OUTPUT::add);
        assertTrue(launcher.bootstrap().isEmpty(), "no credential is printed on a second start");
        assertFalse(String.join("\n", OUTPUT).contains(bootstrap.clientSecret().substring(6, 30)));
        assertEquals(tenants, Sdk.rbac(rbac(), jwt()).tenants().listTenants(0, 50).getTotal());
    }

    /**
     * The reuse window (ADR 0019): off by default; once the vendor opens it, the same credential asking again gets the
     * same JWT back, and a new one as soon as that JWT was revoked or the token's secret was rolled.
     */
    @Test
    @Order(7)
    void theReuseWindowHandsTheSameJwtBackUntilItWasRevokedOrTheSecretRolled() throws Exception {
        String vendor = jwt();
        dev.latchkey.sdk.token.invoker.ApiClient client = new dev.latchkey.sdk.token.invoker.ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + ports.token());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + vendor));
        dev.latchkey.sdk.token.api.SettingsApi settings = new dev.latchkey.sdk.token.api.SettingsApi(client);
        dev.latchkey.sdk.token.model.Settings before = settings.getApplicationSettings();
        assertEquals(0, before.getJwtReuseSeconds(), "off by default");
        TokensApi tokens = Sdk.tokens("http://127.0.0.1:" + ports.token(), vendor);
        UUID tenant = Sdk.rbac(rbac(), vendor).tenants().createTenant(new CreateTenantRequest().name("Reuse Corp")).getId();
        CreatedToken created = tokens.createTenantToken(tenant, new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS)
                .roleIds(List.of(UUID.fromString("00000000-0000-4000-8000-000000000010"))));
        String clientId = created.getToken().getClientId();
        String secret = created.getClientSecret();
        assertNotEquals(oauth.clientCredentials(clientId, secret), oauth.clientCredentials(clientId, secret));

        settings.replaceApplicationSettings(new dev.latchkey.sdk.token.model.Settings().m2mEnabled(before.getM2mEnabled())
                .tokenTypes(before.getTokenTypes()).maxExpiryMinutes(before.getMaxExpiryMinutes())
                .jwtLifetimeSeconds(before.getJwtLifetimeSeconds()).refreshTokensEnabled(before.getRefreshTokensEnabled())
                .jwtReuseSeconds(60));
        try {
            // the new settings reach auth-service through token-service's feed, within a moment
            long deadline = System.nanoTime() + 3_000_000_000L;
            String first = oauth.clientCredentials(clientId, secret);
            String again;
            while (!(again = oauth.clientCredentials(clientId, secret)).equals(first)) {
                assertTrue(System.nanoTime() < deadline, "the same JWT was never handed back");
                first = again;
            }
            assertEquals(first, oauth.clientCredentials(clientId, secret));

            oauth.revoke(bootstrap.clientId(), bootstrap.clientSecret(), first);
            String afterRevoke = oauth.clientCredentials(clientId, secret);
            assertNotEquals(first, afterRevoke, "a revoked JWT is never handed back");
            assertEquals(afterRevoke, oauth.clientCredentials(clientId, secret));

            String rolled = tokens.rollTenantToken(tenant, created.getToken().getId(), new RollRequest()).getClientSecret();
            String afterRoll = oauth.clientCredentials(clientId, rolled);
            assertNotEquals(afterRevoke, afterRoll, "a JWT of the secret before the roll is never handed back");
        } finally {
            settings.replaceApplicationSettings(before);
        }
    }
}
