package dev.latchkey.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Latchkey's own management APIs honour revocation (ADR 0011): with two replicas each of rbac-service and
 * token-service, a JWT whose API token was deleted or rolled away, whose user left the tenant, or that was revoked at
 * {@code /oauth/revoke}, is refused by all four within a second. Measured over 100 trials, 25 of each kind.
 */
class RevocationIT {

    static final String MEMBER = "00000000-0000-4000-8000-000000000010";
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static Launcher launcher;
    static Launcher.Ports ports;
    static int secondRbac;
    static int secondToken;
    static BootstrapCredential bootstrap;
    static final java.util.concurrent.ExecutorService POLLERS = java.util.concurrent.Executors.newFixedThreadPool(4);

    @BeforeAll
    static void start() throws Exception {
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        Map<String, String> env = LatchkeyIT.environment();
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-revocation"), ports, env, OUTPUT::add);
        secondRbac = LatchkeyIT.freePort();
        secondToken = LatchkeyIT.freePort();
        launcher.startReplica("rbac-service", secondRbac);
        launcher.startReplica("token-service", secondToken);
        bootstrap = launcher.bootstrap().orElseThrow();
    }

    @AfterAll
    static void stop() throws IOException {
        POLLERS.shutdownNow();
        if (launcher != null) {
            launcher.close();
        }
        Files.writeString(Path.of("target", "revocation-it-services.log"), String.join("\n", OUTPUT));
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    static String exchange(String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post(url(ports.auth()) + "/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    /** The four management endpoints a Member's JWT may read: the tenant's roles and tokens, on both replicas each. */
    static List<String> reads(String tenant) {
        return List.of(url(ports.rbac()) + "/tenants/" + tenant + "/roles", url(secondRbac) + "/tenants/" + tenant + "/roles",
                url(ports.token()) + "/tenants/" + tenant + "/tokens", url(secondToken) + "/tenants/" + tenant + "/tokens");
    }

    @Test
    void aVoidedJwtIsRefusedByEveryManagementReplicaWithinASecond() throws Exception {
        String vendor = exchange(bootstrap.clientId(), bootstrap.clientSecret());
        String tenant = given().auth().oauth2(vendor).contentType("application/json").body("{\"name\":\"Void Corp\"}")
                .post(url(ports.rbac()) + "/tenants").then().statusCode(201).extract().path("id");
        List<String> reads = reads(tenant);
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        String[] kinds = {"token deleted", "secret rolled", "user removed", "jwt revoked"};
        for (int i = 0; i < 100; i++) {
            String kind = kinds[i % kinds.length];
            String jwt;
            Runnable revoke;
            if (kind.equals("user removed")) {
                String user = "auth0|user-" + i;
                given().auth().oauth2(vendor).contentType("application/json").body("{\"roleIds\":[\"" + MEMBER + "\"]}")
                        .put(url(ports.rbac()) + "/tenants/" + tenant + "/users/" + user).then().statusCode(201);
                jwt = given().auth().preemptive().basic(bootstrap.clientId(), bootstrap.clientSecret())
                        .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                        .formParam("subject_token", user)
                        .formParam("subject_token_type", "urn:latchkey:params:oauth:token-type:user-id")
                        .formParam("tenant_id", tenant)
                        .post(url(ports.auth()) + "/oauth/token").then().statusCode(200).extract().path("access_token");
                revoke = () -> given().auth().oauth2(vendor).delete(url(ports.rbac()) + "/tenants/" + tenant + "/users/" + user)
                        .then().statusCode(204);
            } else {
                JsonPath created = given().auth().oauth2(vendor).contentType("application/json")
                        .body("{\"type\":\"CLIENT_CREDENTIALS\",\"roleIds\":[\"" + MEMBER + "\"]}")
                        .post(url(ports.token()) + "/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
                String tokenPath = url(ports.token()) + "/tenants/" + tenant + "/tokens/" + created.getString("token.id");
                jwt = exchange(created.getString("token.clientId"), created.getString("clientSecret"));
                String issued = jwt;
                revoke = switch (kind) {
                    case "token deleted" -> () -> given().auth().oauth2(vendor).delete(tokenPath).then().statusCode(204);
                    case "secret rolled" -> () -> given().auth().oauth2(vendor).contentType("application/json").body("{}")
                            .post(tokenPath + "/roll").then().statusCode(200);
                    default -> () -> given().auth().preemptive().basic(bootstrap.clientId(), bootstrap.clientSecret())
                            .formParam("token", issued).post(url(ports.auth()) + "/oauth/revoke").then().statusCode(200);
                };
            }
            for (String read : reads) {
                assertEquals(200, given().auth().oauth2(jwt).get(read).statusCode(), kind + ": " + read + " before");
            }
            revoke.run();
            long acknowledged = System.nanoTime();
            // each replica polled on its own thread, so one slow answer does not delay noticing another's refusal
            String finalJwt = jwt;
            List<java.util.concurrent.CompletableFuture<Long>> refused = new ArrayList<>();
            for (String read : reads) {
                refused.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    while (given().auth().oauth2(finalJwt).get(read).statusCode() != 401) {
                        if (System.nanoTime() - acknowledged > 5_000_000_000L) {
                            throw new AssertionError(kind + ": a voided JWT still worked 5 s later at " + read);
                        }
                    }
                    return (System.nanoTime() - acknowledged) / 1_000_000;
                }, POLLERS));
            }
            long ms = 0;
            for (java.util.concurrent.CompletableFuture<Long> each : refused) {
                ms = Math.max(ms, each.join());
            }
            all.add(ms);
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(ms);
        }
        Collections.sort(all);
        StringBuilder report = new StringBuilder("Voided JWT refused by all four management replicas after (ms, 100 trials): p50="
                + all.get(49) + " p90=" + all.get(89) + " p99=" + all.get(98) + " max=" + all.get(99));
        byKind.forEach((kind, ms) -> {
            Collections.sort(ms);
            report.append("\n  ").append(kind).append(": p50=").append(ms.get(ms.size() / 2)).append(" max=")
                    .append(ms.get(ms.size() - 1));
        });
        System.out.println(report);
        Files.writeString(Path.of("target", "management-revocation-latency.txt"), report + "\n" + all + "\n");
        assertTrue(all.get(98) < 1000, report.toString());
    }
}
