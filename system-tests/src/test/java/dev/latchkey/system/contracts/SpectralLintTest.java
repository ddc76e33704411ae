package dev.latchkey.system.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.system.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI contracts pass Spectral's {@code spectral:oas} rules (the repository's {@code .spectral.yaml})
 * with no error and no warning, as SDK generators and API portals expect. Spectral is installed once into
 * target/spectral with npm; where node or npm is missing, or npm cannot reach its registry, the test is skipped and
 * says so.
 */
class SpectralLintTest {

    /** An exact version, so that a new release cannot change the verdict unannounced. */
    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void contractsHaveNoErrorsAndNoWarnings() throws IOException, InterruptedException {
        Path root = root();
        List<String> contracts;
        try (Stream<Path> files = Files.list(root.resolve("docs/api"))) {
            contracts = files.map(Path::toString).filter(f -> f.endsWith(".openapi.yaml")).sorted().toList();
        }
        assertFalse(contracts.isEmpty(), "no contract in docs/api");
        Path spectral = install();
        List<String> command = new ArrayList<>(List.of(spectral.toString(), "lint", "--ruleset",
                root.resolve(".spectral.yaml").toString(), "--fail-severity=warn", "--format=json", "--quiet"));
        command.addAll(contracts);
        Command lint = Command.run(command, null, 300);
        JsonNode findings;
        try {
            findings = JSON.readTree(lint.out().isBlank() ? "[]" : lint.out());
        } catch (IOException e) {
            throw new AssertionError("spectral did not answer JSON (exit " + lint.exit() + "):\n" + lint.out() + lint.err());
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode finding : findings) {
            // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
            if (finding.path("severity").asInt() <= 1) {
                lines.add(root.relativize(Path.of(finding.path("source").asText())) + ":"
                        + (finding.path("range").path("start").path("line").asInt() + 1) + " "
                        + (finding.path("severity").asInt() == 0 ? "error" : "warning") + " "
                        + finding.path("code").asText() + " " + finding.path("message").asText());
            }
        }
        assertTrue(lines.isEmpty(), lines.size() + " Spectral findings:\n" + String.join("\n", lines));
        assertEquals(0, lint.exit(), "spectral failed:\n" + lint.err());
    }

    /** target/spectral/node_modules/.bin/spectral, installed there on first use. */
    private static Path install() throws IOException, InterruptedException {
        assumeTrue(Command.onPath("node") && Command.onPath("npm"), "node or npm is not on the PATH: the OpenAPI contracts are not linted");
        Path dir = Path.of("target/spectral").toAbsolutePath();
        Path spectral = dir.resolve("node_modules/.bin/spectral");
        if (!Files.isExecutable(spectral)) {
            Files.createDirectories(dir);
            Command install = Command.run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", dir.toString(), SPECTRAL), null, 300);
            assumeTrue(install.exit() == 0, "npm install " + SPECTRAL + " failed (offline?): " + install.err());
        }
        return spectral;
    }

    /** The repository root: set by Maven ({@code latchkey.root}), else the parent of system-tests. */
    private static Path root() {
        String root = System.getProperty("latchkey.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }
}
