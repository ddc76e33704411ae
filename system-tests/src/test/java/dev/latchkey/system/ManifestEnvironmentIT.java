package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latchkey.common.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The dev overlay's Deployments run the same jars with the same configuration the system tests use: the three
 * packaged services start with exactly the environment the rendered manifests give their containers (ConfigMaps,
 * and Secret values from a test Secret), in the prod profile, and become ready. The only changes are the ones a laptop
 * needs: the database and the neighbours' addresses point at this machine, and the ports are free ones.
 */
class ManifestEnvironmentIT {

    static final List<String> SERVICES = List.of("rbac-service", "token-service", "auth-service");
    final Map<String, String> secrets = new HashMap<>();
    final SecureRandom random = new SecureRandom();

    @Test
    void theServicesStartReadyWithTheDevOverlaysEnvironment() throws Exception {
        assumeTrue(Command.onPath("kubectl"), "kubectl is not on the PATH: the dev overlay cannot be rendered");
        List<JsonNode> objects = render(LatchkeyIT.root().resolve("deploy/overlays/dev"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : SERVICES) {
            ports.put(service, LatchkeyIT.freePort());
        }
        List<String> output = new CopyOnWriteArrayList<>();
        List<ServiceProcess> started = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.embedded(Files.createTempDirectory("latchkey-manifest-db"), false)) {
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            for (String service : SERVICES) {
                environments.put(service, environment(objects, service, postgres, ports));
            }
            for (String service : SERVICES) {
                createDatabase(postgres, environments.get(service));
            }
            for (String service : SERVICES) {
                // the build's own packaging, not the launcher's copy: no cache is used on JDK 17 anyway
                started.add(ServiceProcess.start(RunCopy.built(LatchkeyIT.root(), service), service, ports.get(service),
                        LatchkeyIT.freePort(),
                        // the JVM the build runs on (JDK 17 in CI): the services must keep working there
                        environments.get(service), ServiceJvm.current().java(), List.of("-XX:+UseSerialGC", "-Xmx256m"),
                        line -> output.add("[" + service + "] " + line)));
            }
            for (ServiceProcess process : started) {
                process.awaitReady(Duration.ofSeconds(180));
            }
            String issuer = environments.get("auth-service").get("LATCHKEY_AUTH_ISSUER");
            assertEquals(issuer, new OAuth(ports.get("auth-service")).discovery().getOpenIdConfiguration().getIssuer());
        } finally {
            started.forEach(ServiceProcess::stop);
            Files.writeString(Path.of("target", "manifest-environment-services.log"), String.join("\n", output));
        }
    }

    /** The container's environment as the manifests give it, with this machine's addresses. */
    private Map<String, String> environment(List<JsonNode> objects, String service, PostgresServer postgres,
            Map<String, Integer> ports) {
        JsonNode deployment = objects.stream().filter(o -> "Deployment".equals(o.path("kind").asText())
                && service.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service + " in the dev overlay"));
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText();
            JsonNode map = objects.stream().filter(o -> "ConfigMap".equals(o.path("kind").asText())
                    && name.equals(o.path("metadata").path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " reads ConfigMap " + name + ", which is not rendered"));
            map.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            if (var.has("value")) {
                env.put(name, var.path("value").asText());
            } else if (var.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                if (!ref.path("optional").asBoolean(false)) {
                    env.put(name, secret(ref.path("name").asText(), ref.path("key").asText()));
                }
            }
        }
        // What a laptop needs instead of the cluster's DNS and ports; every other value is the manifest's own.
        env.put("LATCHKEY_DB_HOST", postgres.host());
        env.put("LATCHKEY_DB_PORT", String.valueOf(postgres.port()));
        env.replaceAll((key, value) -> {
            String local = value;
            for (Map.Entry<String, Integer> neighbour : ports.entrySet()) {
                // the Service and its "-internal" twin (unready pods too) are the same process here
                local = local.replaceAll("http://" + neighbour.getKey() + "(-internal)?:\\d+", "http://127.0.0.1:" + neighbour.getValue());
            }
            return local;
        });
        env.remove("QUARKUS_HTTP_PORT");
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    /** A value of the test Secret: the same for every container that reads it, as in a cluster. */
    private String secret(String name, String key) {
        return secrets.computeIfAbsent(name + "/" + key, k -> switch (key) {
            case "username" -> name.replaceAll("[^a-z]", "_");
            case "pepper", "master-key" -> Base64.getEncoder().encodeToString(bytes(32));
            default -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
        });
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /** What the dev overlay's postgres-init.sh does: a login role and a database it owns, per service. */
    private static void createDatabase(PostgresServer postgres, Map<String, String> env) throws Exception {
        String user = env.get("LATCHKEY_DB_USER");
        String database = env.get("LATCHKEY_DB_NAME");
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + env.get("LATCHKEY_DB_PASSWORD").replace("'", "''") + "'");
            s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
        }
    }

    private static List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(false).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kubectl.waitFor() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed");
        }
        List<JsonNode> objects = new ArrayList<>();
        YAMLMapper yamlMapper = new YAMLMapper();
        try (var parser = yamlMapper.createParser(yaml)) {
            yamlMapper.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }
}
