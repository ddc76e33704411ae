package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API Tokens page in a real browser: Debian's Chromium, driven by playwright-core from the committed script
 * {@code portal/e2e/api-tokens.e2e.mjs}, against the three packaged services started as the run command starts them,
 * with the page served by token-service under {@code /portal/}. This test makes the tenant, its roles and three users
 * (an Admin, a level-5 Operator, a Member) and their sessions as a vendor's backend would (the token exchange), runs
 * the script and checks that every step passed. The script writes a screenshot of every state into
 * {@code target/portal-screenshots}; {@code -Dlatchkey.screenshots.write=true} copies them to {@code docs/img/}.
 * Skipped, saying why, where node or Chromium is missing.
 */
class PortalIT {

    static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");

    /** Lines the script prints when every step passed. */
    static final List<String> STEPS = List.of("the session leaves the address bar", "an Admin generates a client-credentials",
            "an Admin generates an access token", "shown next to their fields", "a reload leaves no secret",
            "keyboard only", "delete asks first", "a phone's width", "a level-5 Operator", "a Member cannot create",
            "no secret was left", "embedded in a vendor's app", "more than a page", "the form follows the settings",
            "portal flow complete");

    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static Launcher launcher;
    static Launcher.Ports ports;
    /** Where the script serves a vendor's page that embeds the element: another origin, allowed by the services. */
    static int vendorPort;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SdkFlowIT.node().isPresent(), "node 18 or newer is not on the PATH: the API Tokens page is not built,"
                + " so it is not tested");
        assumeTrue(chromium().isPresent(), "no Chromium (/usr/bin/chromium; Debian package chromium) here: the API Tokens"
                + " page is not tested in a browser");
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        vendorPort = LatchkeyIT.freePort();
        Map<String, String> env = LatchkeyIT.environment();
        env.put("LATCHKEY_PORTAL_ORIGINS", "http://127.0.0.1:" + vendorPort);
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-portal-it"), ports, env, OUTPUT::add);
    }

    @AfterAll
    static void stop() throws IOException {
        if (launcher != null) {
            launcher.close();
            Files.writeString(Path.of("target", "portal-it-services.log"), String.join("\n", OUTPUT));
        }
    }

    @Test
    void theApiTokensPageWorksInARealBrowser() throws Exception {
        Path portal = LatchkeyIT.root().resolve("portal");
        assertTrue(Files.isDirectory(portal.resolve("node_modules/playwright-core")), "portal/node_modules is missing:"
                + " node is here, so the portal module should have installed it (built with -Dlatchkey.portal.skip=true?)");
        assertEquals(200, status("/portal/"), "token-service serves no page at /portal/");

        BootstrapCredential vendor = launcher.bootstrap().orElseThrow(() -> new AssertionError("no bootstrap credential"));
        OAuth oauth = new OAuth("http://127.0.0.1:" + ports.auth());
        Sdk.Rbac rbac = Sdk.rbac("http://127.0.0.1:" + ports.rbac(), oauth.clientCredentials(vendor.clientId(), vendor.clientSecret()));
        UUID tenant = rbac.tenants().createTenant(new CreateTenantRequest().name("Portal Corp")).getId();
        UUID operator = rbac.roles().createTenantRole(tenant, new CreateRoleRequest().key("Operator").name("Operator")
                .description("Runs the integrations").level(5)
                .permissions(List.of("tokens.*", "roles.read", "users.read", "audit.read", "settings.read"))).getId();
        UUID viewer = rbac.roles().createTenantRole(tenant, new CreateRoleRequest().key("Viewer").name("Viewer")
                .description("Reads the tenant's tokens").level(20).permissions(List.of("tokens.tenant.read"))).getId();
        for (Map.Entry<String, UUID> user : Map.of("idp|ada", ADMIN, "idp|olga", operator, "idp|max", MEMBER).entrySet()) {
            rbac.memberships().setMembership(tenant, user.getKey(), new SetMembershipRequest().roleIds(List.of(user.getValue())));
        }

        Path screenshots = Path.of("target", "portal-screenshots").toAbsolutePath();
        Map<String, String> script = new java.util.LinkedHashMap<>();
        script.put("PORTAL_URL", "http://127.0.0.1:" + ports.token() + "/portal/");
        script.put("AUTH_URL", "http://127.0.0.1:" + ports.auth());
        script.put("RBAC_URL", "http://127.0.0.1:" + ports.rbac());
        script.put("VENDOR_PORT", String.valueOf(vendorPort));
        script.put("TENANT", tenant.toString());
        script.put("VIEWER_ROLE", viewer.toString());
        script.put("ADMIN_SESSION", oauth.actFor(vendor, "idp|ada", tenant));
        script.put("OPERATOR_SESSION", oauth.actFor(vendor, "idp|olga", tenant));
        script.put("MEMBER_SESSION", oauth.actFor(vendor, "idp|max", tenant));
        script.put("CHROMIUM", chromium().get().toString());
        script.put("SCREENSHOTS", screenshots.toString());
        Instant began = Instant.now();
        // in portal/, where its node_modules are
        Command run = Command.run(List.of(SdkFlowIT.node().get(), "e2e/api-tokens.e2e.mjs"), script, portal, null, 240);
        String output = run.out() + run.err();
        System.out.println("API Tokens page in Chromium, " + Duration.between(began, Instant.now()).toMillis() + " ms:\n"
                + output);
        assertEquals(0, run.exit(), "the browser flow failed:\n" + output);
        for (String step : STEPS) {
            assertTrue(output.contains(step), "the browser flow did not report '" + step + "':\n" + output);
        }
        if (Boolean.getBoolean("latchkey.screenshots.write")) {
            try (Stream<Path> shots = Files.list(screenshots)) {
                for (Path shot : shots.filter(s -> s.getFileName().toString().startsWith("portal-")).toList()) {
                    Files.copy(shot, LatchkeyIT.root().resolve("docs/img").resolve(shot.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The run command's summary links to the page as the demo Admin ({@link DemoSession}): the session is in the
     * fragment, and it is a working Admin session of the demo tenant.
     */
    @Test
    void theRunCommandPrintsALinkThatOpensThePageAsTheDemoAdmin() throws Exception {
        Path data = Files.createTempDirectory("latchkey-portal-demo");
        String printed = Launcher.demo(launcher, data, Map.of());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                "http://127\\.0\\.0\\.1:" + ports.token() + "/portal/#tenant=([0-9a-f-]{36})&session=([\\w.-]+)").matcher(printed);
        assertTrue(link.find(), "no demo link in:\n" + printed);
        UUID tenant = UUID.fromString(link.group(1));
        assertEquals(tenant.toString(), Files.readString(data.resolve("demo-tenant")).trim(), "the demo tenant is kept");
        HttpResponse<String> access = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + ports.rbac() + "/tenants/" + tenant + "/access"))
                .header("Authorization", "Bearer " + link.group(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, access.statusCode(), access.body());
        assertTrue(access.body().contains("\"userId\":\"" + DemoSession.USER + "\"") && access.body().contains("\"level\":0"),
                "the demo session is not the demo Admin: " + access.body());
        assertTrue(Launcher.demo(launcher, data, Map.of()).contains("#tenant=" + tenant), "a later link uses the same tenant");
        assertEquals("", Launcher.demo(launcher, data, Map.of("LATCHKEY_DEMO", "false")));
    }

    private static int status(String path) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.token() + path)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /** Debian's Chromium, or the one {@code LATCHKEY_CHROMIUM} names. */
    static Optional<Path> chromium() {
        String configured = System.getenv("LATCHKEY_CHROMIUM");
        return configured != null ? Command.find(configured) : Command.find("chromium", "/usr/bin/chromium");
    }
}
