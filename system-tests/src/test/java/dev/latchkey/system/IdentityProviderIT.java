package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sdk.rbac.model.CreateRoleRequest;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.SetMembershipRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Users of the vendor's identity provider against a real Keycloak (from Maven Central, on a JDK 21+) and the three
 * packaged services: Keycloak's access tokens act at rbac-service and token-service as user sessions with the user's
 * live Latchkey roles (common IdentityProviders, IdentityProviderSessions), and the API Tokens page signs a user in on
 * Keycloak's own login page in Chromium. Skipped, saying why, where no JDK 21+ or no Keycloak distribution is found.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityProviderIT {

    static final String REALM = "vendor";
    static final String STRANGER_REALM = "elsewhere";
    static final String PORTAL_CLIENT = "latchkey-portal";
    static final String PASSWORD = "correct-horse-battery";
    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();

    static Keycloak keycloak;
    static Launcher launcher;
    static Launcher.Ports ports;
    static Sdk.Rbac vendor;
    static UUID tenant;
    static UUID otherTenant;
    static UUID tokenKeeper;
    static String alice;
    static Instant began;

    @BeforeAll
    static void start() throws Exception {
        began = Instant.now();
        var javaHome = Keycloak.javaHome();
        assumeTrue(javaHome.isPresent(), "no JDK 21 or newer here (JAVA_HOME, /usr/lib/jvm or LATCHKEY_KEYCLOAK_JAVA_HOME):"
                + " Keycloak cannot run, so the identity-provider tests against it are skipped");
        var zip = Keycloak.distribution();
        assumeTrue(zip.isPresent(), "no Keycloak distribution in target/keycloak (the build copies it in"
                + " pre-integration-test): the identity-provider tests against Keycloak are skipped");
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        int keycloakPort = LatchkeyIT.freePort();
        String issuer = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
        Map<String, String> env = LatchkeyIT.environment();
        env.put("LATCHKEY_IDP_KC_ISSUER", issuer);
        env.put("LATCHKEY_PORTAL_SIGN_IN_AUTHORITY", issuer);
        env.put("LATCHKEY_PORTAL_SIGN_IN_CLIENT_ID", PORTAL_CLIENT);
        // the two start side by side; Latchkey needs Keycloak only at the first provider token
        int managementPort = LatchkeyIT.freePort();
        CompletableFuture<Keycloak> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return Keycloak.start(zip.get(), javaHome.get(), keycloakPort, managementPort, OUTPUT::add);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-idp-it"), ports, env, OUTPUT::add);
        keycloak = starting.get(5, TimeUnit.MINUTES);
        System.out.println("[idp] Keycloak ready in " + keycloak.startedIn.toMillis() + " ms on " + javaHome.get());

        String page = "http://127.0.0.1:" + ports.token() + "/portal/";
        keycloak.createRealm(REALM);
        // 70 s access tokens: the page renews 60 s before the end (oidc-client-ts), so the browser test sees a renewal
        keycloak.createClient(REALM, client(PORTAL_CLIENT, page, List.of(Keycloak.audienceMapper("latchkey"),
                Keycloak.attributeMapper("tenant", "tenant_id")), Map.of("access.token.lifespan", "70")));
        keycloak.createClient(REALM, client("other-app", page, List.of(Keycloak.attributeMapper("tenant", "tenant_id")), Map.of()));
        keycloak.createClient(REALM, client("forger", page, List.of(Keycloak.audienceMapper("latchkey"),
                Keycloak.attributeMapper("tenant", "tenant_id"), Keycloak.hardcodedMapper("token_type", "vendor", false),
                Keycloak.hardcodedMapper("permissions", "[\"*\"]", true), Keycloak.hardcodedMapper("roles", "[\"Admin\"]", true)),
                Map.of()));
        keycloak.createClient(REALM, client("short-lived", page, List.of(Keycloak.audienceMapper("latchkey"),
                Keycloak.attributeMapper("tenant", "tenant_id")), Map.of("access.token.lifespan", "1")));
        keycloak.createRealm(STRANGER_REALM);
        keycloak.createClient(STRANGER_REALM, client(PORTAL_CLIENT, page, List.of(Keycloak.audienceMapper("latchkey"),
                Keycloak.attributeMapper("tenant", "tenant_id")), Map.of()));

        BootstrapCredential credential = launcher.bootstrap().orElseThrow();
        OAuth oauth = new OAuth("http://127.0.0.1:" + ports.auth());
        vendor = Sdk.rbac(rbac(), oauth.clientCredentials(credential.clientId(), credential.clientSecret()));
        tenant = vendor.tenants().createTenant(new CreateTenantRequest().name("Keycloak Corp")).getId();
        otherTenant = vendor.tenants().createTenant(new CreateTenantRequest().name("Elsewhere Corp")).getId();
        tokenKeeper = vendor.roles().createTenantRole(tenant, new CreateRoleRequest().key("TokenKeeper").name("Token keeper")
                .description("Manages personal tokens").level(20)
                .permissions(List.of("tokens.personal.read", "tokens.personal.write", "tokens.personal.delete"))).getId();
        Map<String, List<String>> inTenant = Map.of("tenant", List.of(tenant.toString()));
        alice = keycloak.createUser(REALM, "alice", PASSWORD, inTenant);
        keycloak.createUser(STRANGER_REALM, "alice", PASSWORD, inTenant);
        keycloak.createUser(REALM, "nora", PASSWORD, Map.of());
        for (UUID t : List.of(tenant, otherTenant)) {
            vendor.memberships().setMembership(t, alice, new SetMembershipRequest().roleIds(
                    List.of(t.equals(tenant) ? tokenKeeper : MEMBER)));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (keycloak != null) {
            keycloak.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        Files.writeString(Path.of("target", "idp-it-services.log"), String.join("\n", OUTPUT));
        if (began != null) {
            System.out.println("[idp] IdentityProviderIT took " + Duration.between(began, Instant.now()).toSeconds()
                    + " s in all, Keycloak's start included");
        }
    }

    @Test
    @Order(1)
    void aKeycloakUserListsAndCreatesPersonalTokensInItsTenantWithItsLiveRoles() throws Exception {
        String token = keycloak.userToken(REALM, PORTAL_CLIENT, "alice", PASSWORD);
        JsonNode me = json(get(rbac() + "/me", token), 200);
        assertEquals(tenant.toString(), me.get("tenantId").asText());
        assertEquals(alice, me.get("userId").asText());
        assertEquals("kc", me.get("identityProvider").asText());
        JsonNode created = json(post(tokens(tenant), token, "{\"type\": \"ACCESS_TOKEN\", \"description\": \"from Keycloak\"}"), 201);
        assertTrue(created.get("accessKey").asText().startsWith("lk_at_"), created.toString());
        assertEquals(alice, created.get("token").get("userId").asText());
        JsonNode listed = json(get(tokens(tenant), token), 200);
        assertTrue(listed.toString().contains(created.get("token").get("id").asText()), listed.toString());
        // its live roles: TokenKeeper manages personal tokens, nothing of the tenant's
        assertEquals(403, get("http://127.0.0.1:" + ports.token() + "/tenants/" + tenant + "/tokens", token).statusCode());
        assertEquals(403, get(rbac() + "/tenants/" + tenant + "/users", token).statusCode());
        // the same token, another tenant (where alice is a member too): not found
        assertEquals(404, get(tokens(otherTenant), token).statusCode());
        assertEquals(404, get(rbac() + "/tenants/" + otherTenant + "/access", token).statusCode());
    }

    @Test
    @Order(2)
    void tokensOfAnotherRealmForAnotherAudienceOrExpiredAre401() throws Exception {
        String shortLived = keycloak.userToken(REALM, "short-lived", "alice", PASSWORD);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a realm nobody configured", keycloak.userToken(STRANGER_REALM, PORTAL_CLIENT, "alice", PASSWORD));
        refused.put("a token for another audience", keycloak.userToken(REALM, "other-app", "alice", PASSWORD));
        // 1 s lifespan, 10 s of allowed clock skew: expired for Latchkey 11 s after it was issued
        Thread.sleep(12_500);
        refused.put("an expired token", shortLived);
        for (var token : refused.entrySet()) {
            for (String url : List.of(tokens(tenant), rbac() + "/me")) {
                HttpResponse<String> response = get(url, token.getValue());
                assertEquals(401, response.statusCode(), token.getKey() + " at " + url + ": " + response.body());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertEquals("Bearer realm=\"latchkey\", error=\"invalid_token\"",
                        response.headers().firstValue("WWW-Authenticate").orElse(""), token.getKey());
            }
        }
    }

    @Test
    @Order(3)
    void claimsThatNameTheVendorOrEveryPermissionGainNothing() throws Exception {
        String forged = keycloak.userToken(REALM, "forger", "alice", PASSWORD);
        JsonNode me = json(get(rbac() + "/me", forged), 200);
        assertEquals(false, me.get("vendor").asBoolean());
        assertEquals(tenant.toString(), me.get("tenantId").asText());
        assertEquals(403, get(rbac() + "/tenants", forged).statusCode(), "lists tenants as the vendor");
        assertEquals(403, post(rbac() + "/tenants", forged, "{\"name\": \"Forged Corp\"}").statusCode());
        assertEquals(403, post("http://127.0.0.1:" + ports.token() + "/tenants/" + tenant + "/tokens", forged,
                "{\"type\": \"ACCESS_TOKEN\", \"roleIds\": [\"" + tokenKeeper + "\"]}").statusCode());
        JsonNode access = json(get(rbac() + "/tenants/" + tenant + "/access", forged), 200);
        assertEquals(List.of("tokens.personal.delete", "tokens.personal.read", "tokens.personal.write"),
                JSON.convertValue(access.get("permissions"), List.class));
    }

    @Test
    @Order(4)
    void removingTheMembershipInLatchkeyStopsTheTokenWithinASecond() throws Exception {
        String bob = keycloak.createUser(REALM, "bob", PASSWORD, Map.of("tenant", List.of(tenant.toString())));
        vendor.memberships().setMembership(tenant, bob, new SetMembershipRequest().roleIds(List.of(tokenKeeper)));
        String token = keycloak.userToken(REALM, PORTAL_CLIENT, "bob", PASSWORD);
        assertEquals(200, get(tokens(tenant), token).statusCode());
        long removed = System.nanoTime();
        vendor.memberships().deleteMembership(tenant, bob);
        int status = 0;
        long refusedAfter = -1;
        while (System.nanoTime() - removed < 5_000_000_000L) {
            status = get(tokens(tenant), token).statusCode();
            if (status == 403) {
                refusedAfter = (System.nanoTime() - removed) / 1_000_000;
                break;
            }
        }
        System.out.println("[idp] membership removed: the Keycloak token refused after " + refusedAfter + " ms");
        assertEquals(403, status);
        assertTrue(refusedAfter >= 0 && refusedAfter < 1000, "refused after " + refusedAfter + " ms");
    }

    @Test
    @Order(5)
    void theApiTokensPageSignsInOnKeycloaksLoginPageCreatesAPersonalTokenAndSignsOut() throws Exception {
        assumeTrue(SdkFlowIT.node().isPresent(), "node 18 or newer is not on the PATH: the page is not tested in a browser");
        assumeTrue(PortalIT.chromium().isPresent(), "no Chromium here: the page's sign-in is not tested in a browser");
        Path portal = LatchkeyIT.root().resolve("portal");
        Path screenshots = Path.of("target", "portal-screenshots").toAbsolutePath();
        Map<String, String> script = new LinkedHashMap<>();
        script.put("PAGE_URL", "http://127.0.0.1:" + ports.token() + "/portal/");
        script.put("KC_USERNAME", "alice");
        script.put("KC_PASSWORD", PASSWORD);
        script.put("CHROMIUM", PortalIT.chromium().get().toString());
        script.put("SCREENSHOTS", screenshots.toString());
        script.put("RENEW_WAIT_SECONDS", "30");
        script.put("KC_NO_TENANT_USERNAME", "nora");
        script.put("KC_NO_TENANT_PASSWORD", PASSWORD);
        Instant start = Instant.now();
        Command run = Command.run(List.of(SdkFlowIT.node().get(), "e2e/sign-in.e2e.mjs"), script, portal, null, 240);
        String output = run.out() + run.err();
        System.out.println("[idp] sign-in in Chromium, " + Duration.between(start, Instant.now()).toMillis() + " ms:\n" + output);
        assertEquals(0, run.exit(), "the sign-in flow failed:\n" + output);
        for (String step : List.of("authorization code flow and PKCE", "IdP's own login page", "memory only",
                "sees its secret once", "renewed with the refresh token", "Sign out ends the session", "asks for the password",
                "no tenant is told so", "sign-in flow complete")) {
            assertTrue(output.contains(step), "the sign-in flow did not report '" + step + "':\n" + output);
        }
        if (Boolean.getBoolean("latchkey.screenshots.write")) {
            try (var shots = Files.list(screenshots)) {
                for (Path shot : shots.filter(s -> s.getFileName().toString().startsWith("portal-sign-in")).toList()) {
                    Files.copy(shot, LatchkeyIT.root().resolve("docs/img").resolve(shot.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Map<String, Object> client(String clientId, String page, List<Map<String, Object>> mappers,
            Map<String, String> attributes) {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.put("pkce.code.challenge.method", "S256");
        attrs.put("post.logout.redirect.uris", page + "*");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", true);
        client.put("redirectUris", List.of(page + "*"));
        client.put("webOrigins", List.of("+"));
        client.put("attributes", attrs);
        client.put("protocolMappers", mappers);
        return client;
    }

    static String rbac() {
        return "http://127.0.0.1:" + ports.rbac();
    }

    static String tokens(UUID tenantId) {
        return "http://127.0.0.1:" + ports.token() + "/tenants/" + tenantId + "/personal-tokens";
    }

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
