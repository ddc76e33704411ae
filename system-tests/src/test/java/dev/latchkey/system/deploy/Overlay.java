package dev.latchkey.system.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.system.Command;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One kustomize overlay of deploy/, rendered by the real {@code kubectl kustomize}, as a list of objects. */
record Overlay(String name, List<JsonNode> objects) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The repository root: set by Maven ({@code latchkey.root}), else the parent of system-tests. */
    static Path root() {
        String root = System.getProperty("latchkey.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return path.toAbsolutePath().normalize();
    }

    static List<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(root().resolve("deploy/overlays"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    static Overlay render(String name) throws IOException, InterruptedException {
        assumeTrue(Command.onPath("kubectl"), "kubectl is not on the PATH: the rendered deploy/ manifests are not checked");
        Path dir = root().resolve("deploy/overlays").resolve(name);
        Command run = Command.run(List.of("kubectl", "kustomize", dir.toString()), null, 120);
        if (run.exit() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + run.err());
        }
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLMapper().createParser(run.out())) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            });
        }
        return new Overlay(name, objects);
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    /** Deployments and StatefulSets: everything with a pod template. */
    List<JsonNode> workloads() {
        return objects.stream().filter(o -> o.path("spec").path("template").path("spec").has("containers")).toList();
    }

    /** The Latchkey services' Deployments (label app.kubernetes.io/component=server). */
    List<JsonNode> services() {
        return ofKind("Deployment").stream()
                .filter(d -> "server".equals(podLabels(d).path("app.kubernetes.io/component").asText()))
                .toList();
    }

    static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
