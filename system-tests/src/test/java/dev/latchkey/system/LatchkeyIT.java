package dev.latchkey.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three packaged services on one real PostgreSQL, started as the run command starts them, driven over HTTP:
 * bootstrap credential, JWT, verification against the JWKS, a tenant created and read back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LatchkeyIT {

    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static Path data;
    static Launcher.Ports ports;
    static Launcher launcher;
    static BootstrapCredential bootstrap;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("latchkey-it");
        ports = new Launcher.Ports(freePort(), freePort(), freePort());
        launcher = Launcher.start(root(), data, ports, environment(), OUTPUT::add);
        System.out.println("Three services ready in " + launcher.startup().toMillis() + " ms");
        bootstrap = launcher.bootstrap().orElseThrow(() -> new AssertionError("no bootstrap credential was printed"));
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

    static Path root() {
        return Path.of(System.getProperty("latchkey.root", "..")).toAbsolutePath().normalize();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String auth() {
        return "http://127.0.0.1:" + ports.auth();
    }

    static String rbac() {
        return "http://127.0.0.1:" + ports.rbac();
    }

    static String jwt() {
        return given().auth().preemptive().basic(bootstrap.clientId(), bootstrap.clientSecret())
                .formParam("grant_type", "client_credentials")
                .when().post(auth() + "/oauth/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    @Test
    @Order(1)
    void bootstrapCredentialJwtVerifiedTenantCreatedAndReadBack() throws Exception {
        String jwt = jwt();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(auth() + "/.well-known/jwks.json")))
                .setExpectedIssuer(auth())
                .setExpectedAudience("latchkey")
                .setRequireExpirationTime()
                .build()
                .processToClaims(jwt);
        assertEquals(bootstrap.clientId(), claims.getSubject());
        assertEquals("vendor", claims.getStringClaimValue("token_type"));
        assertTrue(claims.getExpirationTime().getValue() > claims.getIssuedAt().getValue());

        String id = given().auth().oauth2(jwt).contentType("application/json").body("{\"name\":\"Acme Corp\"}")
                .when().post(rbac() + "/tenants")
                .then().statusCode(201).header("Location", containsString("/tenants/"))
                .extract().path("id");
        given().auth().oauth2(jwt).when().get(rbac() + "/tenants/" + id)
                .then().statusCode(200).body("name", equalTo("Acme Corp"));
        given().auth().oauth2(jwt).when().get(rbac() + "/tenants")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    @Order(2)
    void clientSecretPostWorksAndAWrongSecretIsInvalidClient() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", bootstrap.clientId()).formParam("client_secret", bootstrap.clientSecret())
                .when().post(auth() + "/oauth/token").then().statusCode(200);
        String wrong = bootstrap.clientSecret().substring(0, 30) + (bootstrap.clientSecret().charAt(30) == 'A' ? 'B' : 'A')
                + bootstrap.clientSecret().substring(31);
        given().auth().preemptive().basic(bootstrap.clientId(), wrong)
                .formParam("grant_type", "client_credentials")
                .when().post(auth() + "/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    @Order(3)
    void rbacRefusesMissingAndForeignTokens() {
        given().when().get(rbac() + "/tenants").then().statusCode(401).contentType("application/problem+json");
        String jwt = jwt();
        String[] parts = jwt.split("\\.");
        String otherSignature = jwt().split("\\.")[2];
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + otherSignature.replace('A', 'B').replace('Q', 'A'))
                .when().get(rbac() + "/tenants").then().statusCode(401);
    }

    @Test
    @Order(4)
    void aTenantTokenMadeThroughRealRbacIsExchangedThenDeletedAndRefused() {
        String vendor = jwt();
        String token = "http://127.0.0.1:" + ports.token();
        String tenant = given().auth().oauth2(vendor).contentType("application/json").body("{\"name\":\"Token Corp\"}")
                .post(rbac() + "/tenants").then().statusCode(201).extract().path("id");
        // the level rule is rbac-service's answer: a foreign or missing role is refused by name
        given().auth().oauth2(vendor).contentType("application/json")
                .body("{\"type\":\"CLIENT_CREDENTIALS\",\"roleIds\":[\"" + java.util.UUID.randomUUID() + "\"]}")
                .post(token + "/tenants/" + tenant + "/tokens")
                .then().statusCode(400).body("violations[0].field", equalTo("roleIds[0]"));
        io.restassured.path.json.JsonPath created = given().auth().oauth2(vendor).contentType("application/json")
                .body("{\"type\":\"CLIENT_CREDENTIALS\",\"description\":\"ci\",\"roleIds\":[\"00000000-0000-4000-8000-000000000010\"]}")
                .post(token + "/tenants/" + tenant + "/tokens")
                .then().statusCode(201).extract().jsonPath();
        String clientId = created.getString("token.clientId");
        String secret = created.getString("clientSecret");

        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post(auth() + "/oauth/token").then().statusCode(200);
        given().auth().oauth2(vendor).delete(token + "/tenants/" + tenant + "/tokens/" + created.getString("token.id"))
                .then().statusCode(204);
        // Rule 4: refused within a second of the 204 (the change feed usually takes a few milliseconds, so the
        // very next exchange can still race it)
        long deleted = System.nanoTime();
        while (given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post(auth() + "/oauth/token").statusCode() == 200) {
            if (System.nanoTime() - deleted > 1_000_000_000L) {
                throw new AssertionError("a deleted token was still exchanged 1 s after its delete");
            }
        }
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post(auth() + "/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
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
        String tenants = given().auth().oauth2(jwt()).when().get(rbac() + "/tenants").then().statusCode(200)
                .extract().path("total").toString();
        launcher.close();
        OUTPUT.clear();
        launcher = Launcher.start(root(), data, ports, environment(), OUTPUT::add);
        assertTrue(launcher.bootstrap().isEmpty(), "no credential is printed on a second start");
        assertFalse(String.join("\n", OUTPUT).contains(bootstrap.clientSecret().substring(6, 30)));
        given().auth().oauth2(jwt()).when().get(rbac() + "/tenants").then().statusCode(200)
                .body("total", equalTo(Integer.parseInt(tenants)));
    }
}
