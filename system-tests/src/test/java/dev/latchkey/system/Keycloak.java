package dev.latchkey.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the tests: the distribution from Maven Central ({@code org.keycloak:keycloak-quarkus-dist}, put
 * in {@code target/keycloak} by the build), unpacked once, started with {@code kc.sh start-dev} on 127.0.0.1 on a
 * JDK 21 or newer with an empty dev database, and configured only through its admin REST API. Stopped (with its children) by {@link #close}.
 */
final class Keycloak implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-for-tests-only";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String url;
    private final Process process;
    final Duration startedIn;

    private Keycloak(String url, Process process, Duration startedIn) {
        this.url = url;
        this.process = process;
        this.startedIn = startedIn;
    }

    /**
     * A JDK 21 or newer to run Keycloak on: {@code LATCHKEY_KEYCLOAK_JAVA_HOME}, else this JVM's when new enough, else
     * the newest under {@code /usr/lib/jvm}.
     */
    static Optional<Path> javaHome() {
        String configured = System.getenv("LATCHKEY_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> feature(jdk) >= 21 && Files.isExecutable(jdk.resolve("bin/java")))
                    .max(Comparator.comparingInt(Keycloak::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The distribution the build fetched, or empty (the test then says so). */
    static Optional<Path> distribution() {
        String zip = System.getProperty("latchkey.keycloak.zip");
        return zip == null || !Files.isRegularFile(Path.of(zip)) ? Optional.empty() : Optional.of(Path.of(zip));
    }

    /** Unpacks (once per build directory) and starts Keycloak on {@code port}; waits until its master realm answers. */
    static Keycloak start(Path zip, Path javaHome, int port, int managementPort, Consumer<String> output)
            throws IOException, InterruptedException {
        Path home = unpack(zip);
        // a fresh dev database (data/h2) each time; Keycloak's build of itself (lib/quarkus) is kept for the next start
        LatchkeyIT.deleteDirectory(home.resolve("data"));
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--hostname-strict=false")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // two cores shared with Latchkey and a browser: a small heap is plenty for a few realms
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        long began = System.nanoTime();
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (var lines = process.inputReader(StandardCharsets.UTF_8).lines()) {
                lines.forEach(line -> output.accept("[keycloak] " + line));
            } catch (UncheckedIOException stopped) {
                // Keycloak was stopped: its output ends here
            }
        }, "keycloak-output");
        pump.setDaemon(true);
        pump.start();
        String url = "http://127.0.0.1:" + port;
        Keycloak keycloak = new Keycloak(url, process, null);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Keycloak(url, process, Duration.ofNanos(System.nanoTime() - began));
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        keycloak.close();
        throw new IllegalStateException("Keycloak did not answer within 4 minutes");
    }

    String issuer(String realm) {
        return url + "/realms/" + realm;
    }

    /** An admin session's access token (the bootstrap admin, master realm). */
    String adminToken() throws IOException, InterruptedException {
        return form(url + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD)).get("access_token").asText();
    }

    /**
     * A realm whose users' access tokens may carry a user attribute: the user profile keeps attributes it does not
     * declare (Keycloak 24+ drops them otherwise, without an error).
     */
    void createRealm(String realm) throws IOException, InterruptedException {
        String admin = adminToken();
        send(admin, "POST", "/admin/realms", Map.of("realm", realm, "enabled", true, "sslRequired", "none"), 201);
        JsonNode profile = read(admin, "/admin/realms/" + realm + "/users/profile");
        ((ObjectNode) profile).put("unmanagedAttributePolicy", "ENABLED");
        send(admin, "PUT", "/admin/realms/" + realm + "/users/profile", profile, 200);
    }

    /** A client of the realm; its id (the internal one). */
    void createClient(String realm, Map<String, Object> client) throws IOException, InterruptedException {
        send(adminToken(), "POST", "/admin/realms/" + realm + "/clients", client, 201);
    }

    /** A user with a password and attributes; its Keycloak id, the {@code sub} of its tokens. */
    String createUser(String realm, String username, String password, Map<String, List<String>> attributes)
            throws IOException, InterruptedException {
        Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
                "email", username + "@vendor.example", "firstName", username, "lastName", "Tester",
                "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = request(adminToken(), "POST", "/admin/realms/" + realm + "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("user " + username + ": " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A user's access token from the password grant of a public client (direct access grants on). */
    String userToken(String realm, String clientId, String username, String password) throws IOException, InterruptedException {
        return form(issuer(realm) + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password, "scope", "openid"))
                .get("access_token").asText();
    }

    /** The mapper that adds {@code audience} to the access token's {@code aud}. */
    static Map<String, Object> audienceMapper(String audience) {
        return Map.of("name", "audience " + audience, "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", audience, "access.token.claim", "true",
                        "id.token.claim", "false"));
    }

    /** The mapper that copies a user attribute into a string claim of the access token. */
    static Map<String, Object> attributeMapper(String attribute, String claim) {
        return Map.of("name", "attribute " + attribute, "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper",
                "config", Map.of("user.attribute", attribute, "claim.name", claim, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
    }

    /** A mapper that puts a fixed claim in every access token, whatever the user: JSON when {@code json}. */
    static Map<String, Object> hardcodedMapper(String claim, String value, boolean json) {
        return Map.of("name", "hardcoded " + claim, "protocol", "openid-connect",
                "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", claim, "claim.value", value, "jsonType.label", json ? "JSON" : "String",
                        "access.token.claim", "true", "id.token.claim", "false"));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode form(String endpoint, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode read(String admin, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void send(String admin, String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = request(admin, method, path, body);
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 204)) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> request(String admin, String method, String path, Object body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Unpacks the zip next to it once; the unpacked tree (and Keycloak's build of it) is reused by later runs. */
    private static Path unpack(Path zip) throws IOException {
        Path target = zip.resolveSibling("unpacked");
        Path marker = target.resolve(".complete");
        if (Files.exists(marker)) {
            return home(target);
        }
        LatchkeyIT.deleteDirectory(target);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file);
                }
            }
        }
        Files.writeString(marker, zip.getFileName().toString());
        return home(target);
    }

    private static Path home(Path unpacked) throws IOException {
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IOException("no bin/kc.sh under " + unpacked));
        }
    }

    private static int feature(Path jdk) {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(jdk.resolve("release"))) {
            release.load(in);
            String version = release.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
