package dev.latchkey.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.sdk.auth.model.JsonWebKey;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.SetMembershipRequest;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.TokenType;
import dev.latchkey.system.verifiers.ClaimsEcho;
import dev.latchkey.system.verifiers.ForgedJwts;
import dev.latchkey.system.verifiers.Gateway;
import dev.latchkey.system.verifiers.IndependentVerifiers;
import dev.latchkey.system.verifiers.TestCa;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Latchkey's JWTs checked by what vendors put in front of their APIs, none of which shares code with Latchkey: a real
 * Apache httpd with mod_auth_openidc as OAuth 2.0 resource server (local JWT verification, and introspection), npm
 * {@code jose} and PyJWT. One stack and one gateway serve every case. The issuer is https (the gateway's TLS front),
 * as in production. auth-service runs with short key rotation (10 s) and short user sessions (4 s), so that the
 * rotation and expiry cases take seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourceServersIT {

    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
    static final String AUDIENCE = "latchkey";
    static final Path DIR = Path.of("target", "gateway").toAbsolutePath();
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();

    static Launcher launcher;
    static Launcher.Ports ports;
    static Gateway.Ports gatewayPorts;
    static BootstrapCredential vendor;
    static Gateway gateway;
    static ClaimsEcho backend;
    static String gatewayUnavailable;
    static OAuth oauth;
    static UUID tenantId;
    /** The tenant's id as the gateway passes it on. */
    static String tenant;
    /** A client-credentials tenant token with the Member role. */
    static Client member;
    static String accessKey;
    static String accessKeyTokenId;
    static Instant began;

    record Client(String clientId, String clientSecret) {
    }

    @BeforeAll
    static void start() throws Exception {
        began = Instant.now();
        gatewayPorts = Gateway.Ports.reserve();
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        Map<String, String> env = LatchkeyIT.environment();
        env.put("LATCHKEY_AUTH_ISSUER", gatewayPorts.issuer());
        env.put("LATCHKEY_AUTH_JWT_LIFETIME", "PT4S");
        env.put("LATCHKEY_AUTH_KEY_ROTATION_PERIOD", "PT10S");
        env.put("LATCHKEY_AUTH_KEY_PUBLISH_AHEAD", "PT2S");
        env.put("LATCHKEY_KEYS_ROTATION_CHECK_EVERY", "1s");
        env.put("LATCHKEY_KEYS_RELOAD_EVERY", "1s");
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-resource-servers"), ports, env,
                OUTPUT::add);
        vendor = launcher.bootstrap().orElseThrow(() -> new AssertionError("no bootstrap credential was printed"));

        oauth = new OAuth(auth());
        Sdk.Rbac rbac = Sdk.rbac(rbac(), vendorJwt());
        tenantId = rbac.tenants().createTenant(new CreateTenantRequest().name("Gateway Corp")).getId();
        tenant = tenantId.toString();
        CreatedToken created = createToken(new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS)
                .description("orders client").roleIds(List.of(MEMBER)));
        member = new Client(created.getToken().getClientId(), created.getClientSecret());
        CreatedToken key = createToken(new CreateTokenRequest().type(TokenType.ACCESS_TOKEN).description("orders key")
                .roleIds(List.of(MEMBER)));
        accessKey = key.getAccessKey();
        accessKeyTokenId = key.getToken().getId().toString();
        rbac.memberships().setMembership(tenantId, "alice", new SetMembershipRequest().roleIds(List.of(MEMBER)));

        gatewayUnavailable = Gateway.unavailable().orElse(null);
        if (gatewayUnavailable == null) {
            // the gateway's own credential: introspection (and revocation) in this tenant, nothing else
            CreatedToken own = createToken(new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS)
                    .description("gateway").permissionIds(List.of("oauth.introspect")));
            backend = ClaimsEcho.start(gatewayPorts.backend());
            TestCa ca = TestCa.create(DIR.resolve("tls"));
            gateway = Gateway.start(DIR, gatewayPorts, ca, auth(), backend.url(), AUDIENCE,
                    own.getToken().getClientId(), own.getClientSecret());
            System.out.println("Gateway: Apache httpd + mod_auth_openidc on " + gatewayPorts + ", test CA made with " + ca.tool());
        }
        System.out.println((gateway != null ? "Stack and gateway" : "Stack (no gateway)") + " ready in "
                + Duration.between(began, Instant.now()).toMillis() + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        Files.writeString(Path.of("target", "resource-servers-it-services.log"), String.join("\n", OUTPUT));
        System.out.println("ResourceServersIT took " + Duration.between(began, Instant.now()).toMillis() + " ms");
    }

    static String auth() {
        return "http://127.0.0.1:" + ports.auth();
    }

    static String rbac() {
        return "http://127.0.0.1:" + ports.rbac();
    }

    static String jwks() {
        return auth() + "/.well-known/jwks.json";
    }

    static String vendorJwt() {
        return exchange(new Client(vendor.clientId(), vendor.clientSecret()));
    }

    static String exchange(Client client) {
        try {
            return oauth.clientCredentials(client.clientId(), client.clientSecret());
        } catch (dev.latchkey.sdk.auth.invoker.ApiException e) {
            throw new AssertionError("exchange refused: " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    static CreatedToken createToken(CreateTokenRequest request) throws Exception {
        return Sdk.tokens("http://127.0.0.1:" + ports.token(), vendorJwt()).createTenantToken(tenantId, request);
    }

    /** A session the vendor made for user alice, a Member: it lives LATCHKEY_AUTH_JWT_LIFETIME (4 s). */
    static String userSession() throws Exception {
        return oauth.actFor(vendor, "alice", tenantId);
    }

    /** The public JWK that signed {@code jwt}, exactly as the live JWKS publishes it (its bytes, not the SDK's model). */
    static String publicJwk(String jwt) throws Exception {
        String kid = ForgedJwts.part(jwt, 0).path("kid").asText();
        for (JsonNode key : new ObjectMapper().readTree(given().get(jwks()).asString()).path("keys")) {
            if (kid.equals(key.path("kid").asText())) {
                return key.toString();
            }
        }
        throw new AssertionError("kid " + kid + " is not in the JWKS");
    }

    static Set<String> publishedKids() throws Exception {
        return oauth.discovery().getJwks().getKeys().stream().map(JsonWebKey::getKid).collect(Collectors.toSet());
    }

    static void assumeGateway() {
        assumeTrue(gatewayUnavailable == null, gatewayUnavailable);
    }

    static Response through(String url, String bearer) {
        return bearer == null ? given().get(url) : given().auth().oauth2(bearer).get(url);
    }

    /** What the API behind the gateway received as request headers (lower-case names). */
    static Map<String, String> receivedHeaders(Response response) {
        return response.jsonPath().getMap("headers");
    }

    /** Polls until the gateway refuses {@code bearer} at {@code url}; returns how long it took. */
    static long refusedWithin(String url, String bearer, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (through(url, bearer).statusCode() != 401) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("still accepted " + limit.toMillis() + " ms later at " + url);
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    @Order(1)
    void theGatewayPassesAGenuineJwtWithItsClaimsAndDropsForgedClaimHeaders() {
        assumeGateway();
        String jwt = exchange(member);
        Response response = given().auth().oauth2(jwt).header("OIDC_CLAIM_tenant_id", "someone-else")
                .get(gateway.jwtUrl("/api/orders"));
        assertEquals(200, response.statusCode(), response.asString());
        Map<String, String> claims = receivedHeaders(response);
        assertEquals(tenant, claims.get("oidc_claim_tenant_id"), "the JWT's tenant, not the client's forged header");
        assertEquals("tenant", claims.get("oidc_claim_token_type"));
        assertEquals(member.clientId(), claims.get("oidc_claim_sub"));
        assertEquals("Member", claims.get("oidc_claim_roles"));
        assertTrue(List.of(claims.get("oidc_claim_permissions").split(",")).containsAll(
                List.of("roles.read", "tokens.tenant.read", "users.read")), claims.get("oidc_claim_permissions"));
    }

    @Test
    @Order(2)
    void theGatewayRefusesMissingTamperedOtherKeyUnsignedAndConfusedJwts() throws Exception {
        assumeGateway();
        String jwt = exchange(member);
        Map<String, String> forged = ForgedJwts.of(jwt, publicJwk(jwt));
        int reached = backend.requests();
        given().get(gateway.jwtUrl("/api/orders")).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        forged.forEach((kind, token) -> given().auth().oauth2(token).get(gateway.jwtUrl("/api/orders"))
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token")));
        assertEquals(reached, backend.requests(), "a refused request reached the API");
        assertEquals(200, through(gateway.jwtUrl("/api/orders"), jwt).statusCode(), "the genuine JWT still passes");
    }

    @Test
    @Order(3)
    void anApiExpectingAnotherAudienceRefusesTheJwt() {
        assumeGateway();
        int reached = backend.requests();
        assertEquals(401, through(gateway.jwtUrl("/billing/invoices"), exchange(member)).statusCode());
        assertEquals(reached, backend.requests());
    }

    @Test
    @Order(4)
    void theGatewayChecksAPermissionFromTheJwtAlone() {
        assumeGateway();
        assertEquals(401, through(gateway.jwtUrl("/api/admin/roles"), exchange(member)).statusCode(),
                "a Member lacks roles.write");
        assertEquals(200, through(gateway.jwtUrl("/api/admin/roles"), vendorJwt()).statusCode(), "the vendor holds *");
    }

    @Test
    @Order(5)
    void introspectionRefusesARevokedJwtWhichLocalVerificationCannotSee() throws Exception {
        assumeGateway();
        String jwt = exchange(member);
        Response response = through(gateway.introspectionUrl("/api/orders"), jwt);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(tenant, receivedHeaders(response).get("oidc_claim_tenant_id"));
        assertEquals("jwt", receivedHeaders(response).get("oidc_claim_credential"));

        oauth.revoke(vendor.clientId(), vendor.clientSecret(), jwt);
        long ms = refusedWithin(gateway.introspectionUrl("/api/orders"), jwt, Duration.ofSeconds(5));
        System.out.println("Introspecting gateway refused a revoked JWT after " + ms + " ms");
        assertEquals(200, through(gateway.jwtUrl("/api/orders"), jwt).statusCode(),
                "local verification knows nothing of revocation: that is why JWTs are short-lived");
    }

    @Test
    @Order(6)
    void introspectionAcceptsAnAccessKeyUntilItIsDeleted() throws Exception {
        assumeGateway();
        Response asHeader = given().header("X-API-KEY", accessKey).get(gateway.introspectionUrl("/api/orders"));
        assertEquals(200, asHeader.statusCode(), asHeader.asString());
        Map<String, String> claims = receivedHeaders(asHeader);
        assertEquals(tenant, claims.get("oidc_claim_tenant_id"));
        assertEquals(accessKeyTokenId, claims.get("oidc_claim_token_id"));
        assertEquals("access_key", claims.get("oidc_claim_credential"));
        assertTrue(claims.get("oidc_claim_scope").contains("roles.read"), claims.get("oidc_claim_scope"));
        assertEquals(200, through(gateway.introspectionUrl("/api/orders"), accessKey).statusCode(), "as a bearer token");
        assertEquals(401, through(gateway.jwtUrl("/api/orders"), accessKey).statusCode(), "a key is no JWT");

        Sdk.tokens("http://127.0.0.1:" + ports.token(), vendorJwt()).deleteTenantToken(tenantId,
                UUID.fromString(accessKeyTokenId));
        long ms = refusedWithin(gateway.introspectionUrl("/api/orders"), accessKey, Duration.ofSeconds(5));
        System.out.println("Introspecting gateway refused a deleted access key after " + ms + " ms");
    }

    @Test
    @Order(7)
    void npmJoseVerifiesAGenuineJwtAndRefusesForgeries() throws Exception {
        assertVerifierAgrees(IndependentVerifiers::jose);
    }

    @Test
    @Order(8)
    void pyJwtVerifiesAGenuineJwtAndRefusesForgeries() throws Exception {
        assertVerifierAgrees(IndependentVerifiers::pyjwt);
    }

    interface Verifier {
        Map<String, IndependentVerifiers.Verdict> verify(IndependentVerifiers.Request request) throws Exception;
    }

    static void assertVerifierAgrees(Verifier verifier) throws Exception {
        String jwt = exchange(member);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("genuine", jwt);
        tokens.putAll(ForgedJwts.of(jwt, publicJwk(jwt)));
        Map<String, IndependentVerifiers.Verdict> verdicts = verifier.verify(
                new IndependentVerifiers.Request(jwks(), gatewayPorts.issuer(), AUDIENCE, "at+jwt", tokens));
        IndependentVerifiers.Verdict genuine = verdicts.get("genuine");
        assertTrue(genuine.ok(), "genuine JWT refused: " + genuine.error());
        assertEquals(tenant, genuine.claims().path("tenant_id").asText());
        assertEquals(member.clientId(), genuine.claims().path("sub").asText());
        assertTrue(genuine.claims().path("permissions").toString().contains("\"roles.read\""));
        assertEquals(member.clientId(), genuine.claims().path("client_id").asText());
        tokens.keySet().stream().filter(name -> !name.equals("genuine")).forEach(name ->
                assertFalse(verdicts.get(name).ok(), name + " was accepted"));
    }

    @Test
    @Order(9)
    void theGatewayRefusesAnExpiredJwt() throws Exception {
        assumeGateway();
        String session = userSession();
        long exp = ForgedJwts.part(session, 1).path("exp").asLong();
        Response fresh = through(gateway.jwtUrl("/api/orders"), session);
        if (Instant.now().getEpochSecond() < exp) {
            assertEquals(200, fresh.statusCode(), "a fresh session passes");
            assertEquals("alice", receivedHeaders(fresh).get("oidc_claim_user_id"));
        }
        Thread.sleep(Math.max(0, (exp + 1) * 1000 - System.currentTimeMillis()) + 100);
        given().auth().oauth2(session).get(gateway.jwtUrl("/api/orders"))
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    @Order(10)
    void theGatewayPicksUpARotatedSigningKeyWithoutRestart() throws Exception {
        assumeGateway();
        String before = exchange(member);
        assertEquals(200, through(gateway.jwtUrl("/api/orders"), before).statusCode());
        // every key the gateway can have cached is published now; wait for a JWT signed by one that is not
        Set<String> known = publishedKids();
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        String after = exchange(member);
        while (known.contains(ForgedJwts.part(after, 0).path("kid").asText())) {
            assertTrue(System.nanoTime() < deadline, "auth-service did not rotate its signing key within 45 s");
            Thread.sleep(250);
            after = exchange(member);
        }
        assertNotEquals(ForgedJwts.part(before, 0).path("kid"), ForgedJwts.part(after, 0).path("kid"));
        Response response = through(gateway.jwtUrl("/api/orders"), after);
        assertEquals(200, response.statusCode(), "a JWT signed by the new key: " + response.asString());
        assertEquals(200, through(gateway.jwtUrl("/api/orders"), before).statusCode(), "the old key is still published");
    }
}
