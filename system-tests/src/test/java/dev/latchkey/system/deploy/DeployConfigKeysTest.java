package dev.latchkey.system.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests cannot drift from the code: every environment variable a Latchkey Deployment sets (env and the
 * ConfigMaps of envFrom) is a configuration key its service reads, named as Quarkus maps keys to variables
 * (upper case, every other character {@code _}: latchkey.token-service.url is LATCHKEY_TOKEN_SERVICE_URL); and every
 * key that application.properties leaves without a production value (only {@code %dev,test.}) is set.
 *
 * <p>The keys a service reads: those in its application.properties (any profile), and those its code and common's
 * declare ({@code @ConfigProperty(name = ...)}, {@code @ConfigMapping(prefix = ...)} methods in kebab case).
 */
class DeployConfigKeysTest {

    static List<String> overlays() throws IOException {
        return Overlay.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyVariableIsAKeyTheServiceReads(String name) throws Exception {
        Overlay overlay = DeployManifestsTest.overlay(name);
        for (JsonNode deployment : overlay.services()) {
            String service = deployment.path("metadata").path("name").asText();
            Map<String, String> known = new TreeMap<>();
            keysRead(service).forEach(key -> known.put(variable(key), key));
            for (String variable : variables(overlay, deployment)) {
                assertTrue(known.containsKey(variable), name + ": " + service + " is given " + variable
                        + ", which is no configuration key of " + service + " (application.properties, @ConfigProperty, "
                        + "@ConfigMapping); a typo, or a key that was renamed or removed");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyKeyWithoutAProductionValueIsSet(String name) throws Exception {
        Overlay overlay = DeployManifestsTest.overlay(name);
        assertEquals(Set.of("rbac-service", "token-service", "auth-service"), new TreeSet<>(overlay.services().stream()
                .map(d -> d.path("metadata").path("name").asText()).toList()), name + ": the three services");
        for (JsonNode deployment : overlay.services()) {
            String service = deployment.path("metadata").path("name").asText();
            Set<String> given = variables(overlay, deployment);
            for (String key : devAndTestOnly(service)) {
                assertTrue(given.contains(variable(key)), name + ": " + service + " needs " + variable(key) + " ("
                        + key + " has a value only in the dev and test profiles) and the Deployment does not set it");
            }
        }
    }

    /** latchkey.token-service.url becomes LATCHKEY_TOKEN_SERVICE_URL (SmallRye Config's environment rule). */
    static String variable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Set<String> variables(Overlay overlay, JsonNode deployment) {
        Set<String> names = new TreeSet<>();
        for (JsonNode container : Overlay.podSpec(deployment).path("containers")) {
            container.path("env").forEach(env -> names.add(env.path("name").asText()));
            for (JsonNode from : container.path("envFrom")) {
                String map = from.path("configMapRef").path("name").asText(null);
                if (map != null) {
                    DeployManifestsTest.configMap(overlay, map, DeployManifestsTest.class.getSimpleName())
                            .path("data").fieldNames().forEachRemaining(names::add);
                }
            }
        }
        return names;
    }

    private static final Pattern PROPERTY = Pattern.compile("^(?:%([\\w,-]+)\\.)?([A-Za-z][\\w.\\-\\[\\]\"]*)\\s*=");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("^\\s+[\\w<>\\[\\], ?.]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

    static Set<String> keysRead(String service) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(properties(service))) {
            Matcher m = PROPERTY.matcher(line.strip());
            if (m.find()) {
                keys.add(m.group(2));
            }
        }
        for (Path source : javaSources(service)) {
            String text = Files.readString(source);
            Matcher property = CONFIG_PROPERTY.matcher(text);
            while (property.find()) {
                keys.add(property.group(1));
            }
            Matcher mapping = CONFIG_MAPPING.matcher(text);
            if (mapping.find()) {
                Matcher method = METHOD.matcher(text.substring(mapping.end()));
                while (method.find()) {
                    keys.add(mapping.group(1) + "." + method.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                            .toLowerCase(Locale.ROOT));
                }
            }
        }
        return keys;
    }

    /** Keys set only as {@code %dev,test.key=}: required in production, by the services' README convention. */
    static Set<String> devAndTestOnly(String service) throws IOException {
        Set<String> everywhere = new TreeSet<>();
        Set<String> devAndTest = new TreeSet<>();
        for (String line : Files.readAllLines(properties(service))) {
            Matcher m = PROPERTY.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            if (m.group(1) == null) {
                everywhere.add(m.group(2));
            } else if (Set.of(m.group(1).split(",")).containsAll(Set.of("dev", "test"))) {
                devAndTest.add(m.group(2));
            }
        }
        devAndTest.removeAll(everywhere);
        return devAndTest;
    }

    private static Path properties(String service) {
        return Overlay.root().resolve(service).resolve("src/main/resources/application.properties");
    }

    private static List<Path> javaSources(String service) throws IOException {
        List<Path> roots = List.of(Overlay.root().resolve(service).resolve("src/main/java"),
                Overlay.root().resolve("common/src/main/java"));
        List<Path> sources = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        return sources;
    }
}
