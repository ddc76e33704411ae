package dev.latchkey.system.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.system.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Validates objects against the OpenAPI schemas of npm {@code kubernetes-models} (the Kubernetes API of a current
 * release) and {@code @kubernetes-models/cloudnative-pg} and {@code /prometheus-operator} (the CRDs the prod overlay
 * uses), by running src/test/resources/k8s-validate/validate.mjs with node. The packages are installed once into
 * target/k8s-validate.
 */
final class SchemaValidator {

    /** Exact versions, so that a new release cannot change the verdict unannounced. */
    static final List<String> PACKAGES = List.of("kubernetes-models@5.1.0",
            "@kubernetes-models/cloudnative-pg@2.0.0", "@kubernetes-models/prometheus-operator@6.0.0");

    private SchemaValidator() {
    }

    /** One JSON line per object: {kind, name, result: valid | invalid | no-model, error}. */
    static List<String> validate(List<JsonNode> objects) throws IOException, InterruptedException {
        assumeTrue(Command.onPath("node") && Command.onPath("npm"),
                "node or npm is not on the PATH: the manifests are not validated against the Kubernetes schema");
        Path dir = Path.of("target/k8s-validate").toAbsolutePath();
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))
                || !Files.isDirectory(dir.resolve("node_modules/@kubernetes-models/cloudnative-pg"))) {
            List<String> command = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error", "--prefix", dir.toString()));
            command.addAll(PACKAGES);
            Command install = Command.run(command, null, 300);
            assumeTrue(install.exit() == 0, "npm install of the schema packages failed (offline?): " + install.err());
        }
        Path script = dir.resolve("validate.mjs");
        try (InputStream in = SchemaValidator.class.getResourceAsStream("/k8s-validate/validate.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Command run = Command.run(List.of("node", script.toString(), dir.resolve("node_modules").toString()),
                Overlay.JSON.writeValueAsString(objects), 120);
        if (run.exit() != 0) {
            throw new AssertionError("the schema validator failed:\n" + run.err());
        }
        List<String> lines = run.out().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != objects.size()) {
            throw new AssertionError("the validator answered for " + lines.size() + " of " + objects.size()
                    + " objects:\n" + run.out() + run.err());
        }
        return lines;
    }
}
