package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.sdk.rbac.api.RolesApi;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.SetMembershipRequest;
import dev.latchkey.sdk.token.api.TokensApi;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.RollRequest;
import dev.latchkey.sdk.token.model.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Latchkey's own management APIs honour revocation (ADR 0011): with two replicas each of rbac-service and
 * token-service, a JWT whose API token was deleted or rolled away, whose user left the tenant, or that was revoked at
 * {@code /oauth/revoke}, is refused by all four within a second, and auth-service's introspection, which judges by the
 * same rule in memory, calls it inactive within the same second. Measured over 100 trials, 25 of each kind.
 */
class RevocationIT {

    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
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

    /**
     * The four reads a Member's JWT may make (the tenant's roles and tokens, on both replicas of each service), and its
     * introspection by the vendor, where an inactive answer counts as a refusal (401).
     */
    static List<Sdk.Call> reads(Supplier<String> jwt, UUID tenant) {
        List<Sdk.Call> reads = new ArrayList<>();
        for (int rbac : new int[] {ports.rbac(), secondRbac}) {
            RolesApi roles = Sdk.rbac(url(rbac), jwt).roles();
            reads.add(() -> roles.listTenantRoles(tenant));
        }
        for (int token : new int[] {ports.token(), secondToken}) {
            TokensApi tokens = Sdk.tokens(url(token), jwt);
            reads.add(() -> tokens.listTenantTokens(tenant, 0, 50));
        }
        OAuth oauth = new OAuth(ports.auth());
        reads.add(() -> {
            if (!Boolean.TRUE.equals(oauth.introspect(bootstrap.clientId(), bootstrap.clientSecret(), jwt.get()).getActive())) {
                throw new dev.latchkey.sdk.auth.invoker.ApiException(401, "inactive");
            }
        });
        return reads;
    }

    @Test
    void aVoidedJwtIsRefusedByEveryManagementReplicaWithinASecond() throws Exception {
        OAuth oauth = new OAuth(ports.auth());
        String vendor = oauth.clientCredentials(bootstrap.clientId(), bootstrap.clientSecret());
        Sdk.Rbac rbac = Sdk.rbac(url(ports.rbac()), vendor);
        TokensApi tokens = Sdk.tokens(url(ports.token()), vendor);
        UUID tenant = rbac.tenants().createTenant(new CreateTenantRequest().name("Void Corp")).getId();
        Map<String, List<Long>> byKind = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        String[] kinds = {"token deleted", "secret rolled", "user removed", "jwt revoked"};
        AtomicReference<String> bearer = new AtomicReference<>();
        List<Sdk.Call> reads = reads(bearer::get, tenant);
        for (int i = 0; i < 100; i++) {
            String kind = kinds[i % kinds.length];
            String jwt;
            Sdk.Call revoke;
            if (kind.equals("user removed")) {
                String user = "auth0|user-" + i;
                rbac.memberships().setMembership(tenant, user, new SetMembershipRequest().roleIds(List.of(MEMBER)));
                jwt = oauth.actFor(bootstrap, user, tenant);
                revoke = () -> rbac.memberships().deleteMembership(tenant, user);
            } else {
                CreatedToken created = tokens.createTenantToken(tenant,
                        new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS).roleIds(List.of(MEMBER)));
                UUID id = created.getToken().getId();
                jwt = oauth.clientCredentials(created.getToken().getClientId(), created.getClientSecret());
                String issued = jwt;
                revoke = switch (kind) {
                    case "token deleted" -> () -> tokens.deleteTenantToken(tenant, id);
                    case "secret rolled" -> () -> tokens.rollTenantToken(tenant, id, new RollRequest());
                    default -> () -> oauth.revoke(bootstrap.clientId(), bootstrap.clientSecret(), issued);
                };
            }
            bearer.set(jwt);
            for (Sdk.Call read : reads) {
                assertEquals(0, Sdk.refusal(read), kind + ": a read before");
            }
            revoke.run();
            long acknowledged = System.nanoTime();
            // each replica polled on its own thread, so one slow answer does not delay noticing another's refusal
            List<java.util.concurrent.CompletableFuture<Long>> refused = new ArrayList<>();
            for (Sdk.Call read : reads) {
                refused.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    while (Sdk.refusal(read) != 401) {
                        if (System.nanoTime() - acknowledged > 5_000_000_000L) {
                            throw new AssertionError(kind + ": a voided JWT still worked 5 s later");
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
        StringBuilder report = new StringBuilder("Voided JWT refused by all four management replicas and inactive at introspection after (ms, 100 trials): p50="
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
