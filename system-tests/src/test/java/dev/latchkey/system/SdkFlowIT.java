package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated TypeScript and Python SDKs, each driving the same short flow against the three packaged services
 * started as the run command starts them: bootstrap credential, JWT, tenant, role, a client-credentials token whose
 * secret is shown once, the exchange, the listing without a secret, the delete, the refused exchange. The flows are
 * committed programs ({@code sdk/typescript/flow/flow.ts}, {@code sdk/python/flow/flow.py}) that a user could run
 * against their own Latchkey; they check each step themselves and exit non-zero on the first surprise. This test
 * gives them the environment, runs them as a user would ({@code node}, {@code python3}) and checks that they
 * finished. Each flow is skipped, saying why, where its runtime is missing.
 */
class SdkFlowIT {

    /** Lines both flows print when every step went as it should. */
    static final List<String> STEPS = List.of("vendor JWT:", "tenant created:", "role created:",
            "token created:", "secret shown once", "exchanged:", "listed without a secret:", "deleted:",
            "exchange after delete refused:", "flow complete");

    /** What the generated Python client imports (its requirements.txt), with pydantic 2 as the generator needs. */
    static final String PYTHON_PROBE = "import pydantic, urllib3, dateutil, typing_extensions; "
            + "assert int(pydantic.VERSION.split('.')[0]) >= 2, 'pydantic ' + pydantic.VERSION";

    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static Optional<String> node;
    static Optional<String> python;
    static Launcher launcher;
    static Launcher.Ports ports;
    static BootstrapCredential bootstrap;

    @BeforeAll
    static void start() throws Exception {
        node = node();
        python = python();
        assumeTrue(node.isPresent() || python.isPresent(),
                "neither node 18+ nor a python3 with pydantic 2 is here: no SDK flow can run");
        ports = new Launcher.Ports(LatchkeyIT.freePort(), LatchkeyIT.freePort(), LatchkeyIT.freePort());
        launcher = Launcher.start(LatchkeyIT.root(), Files.createTempDirectory("latchkey-sdk-it"), ports, LatchkeyIT.environment(),
                OUTPUT::add);
        bootstrap = launcher.bootstrap().orElseThrow(() -> new AssertionError("no bootstrap credential was printed"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (launcher != null) {
            launcher.close();
            Files.writeString(Path.of("target", "sdk-flow-it-services.log"), String.join("\n", OUTPUT));
        }
    }

    @Test
    void typescriptSdkFlowRunsAgainstTheServices() throws Exception {
        assumeTrue(node.isPresent(), "node 18 or newer is not on the PATH: the TypeScript SDK flow is not run");
        Path flow = LatchkeyIT.root().resolve("sdk/typescript/target/dist/flow/flow.js");
        assertTrue(Files.isRegularFile(flow), flow + " is missing: node is here, so sdk/typescript should have"
                + " compiled it (was it built with -Dlatchkey.sdk.typescript.skip=true?)");
        assertFlowCompleted("TypeScript", run(List.of(node.get(), flow.toString()), Map.of()));
    }

    @Test
    void pythonSdkFlowRunsAgainstTheServices() throws Exception {
        assumeTrue(python.isPresent(), "no python3 here imports pydantic 2, urllib3, python-dateutil and"
                + " typing-extensions (Debian's python3-pydantic is 1.x): the Python SDK flow is not run");
        Path sdk = LatchkeyIT.root().resolve("sdk/python/target/sdk");
        assertTrue(Files.isDirectory(sdk.resolve("token/latchkey_token")), sdk + " is missing: build sdk/python");
        String pythonPath = String.join(File.pathSeparator, sdk.resolve("rbac").toString(),
                sdk.resolve("token").toString(), sdk.resolve("auth").toString());
        Path flow = LatchkeyIT.root().resolve("sdk/python/flow/flow.py");
        assertFlowCompleted("Python", run(List.of(python.get(), flow.toString()), Map.of("PYTHONPATH", pythonPath,
                "PYTHONPYCACHEPREFIX", LatchkeyIT.root().resolve("sdk/python/target/pycache").toString())));
    }

    static void assertFlowCompleted(String language, Run run) {
        System.out.println(language + " SDK flow, " + run.took().toMillis() + " ms:\n" + run.output());
        assertEquals(0, run.exit(), language + " flow failed:\n" + run.output());
        for (String step : STEPS) {
            assertTrue(run.output().contains(step), language + " flow did not report '" + step + "':\n" + run.output());
        }
        assertFalse(run.output().contains(bootstrap.clientSecret()), "the flow printed the bootstrap secret");
    }

    /** The flows read where Latchkey is and the vendor credential from the environment, as a user's program would. */
    static Run run(List<String> command, Map<String, String> extra) throws IOException, InterruptedException {
        Path log = Files.createTempFile("latchkey-sdk-flow", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("LATCHKEY_RBAC_URL", "http://127.0.0.1:" + ports.rbac());
            env.put("LATCHKEY_TOKEN_URL", "http://127.0.0.1:" + ports.token());
            env.put("LATCHKEY_AUTH_URL", "http://127.0.0.1:" + ports.auth());
            env.put("LATCHKEY_BOOTSTRAP_CLIENT_ID", bootstrap.clientId());
            env.put("LATCHKEY_BOOTSTRAP_CLIENT_SECRET", bootstrap.clientSecret());
            env.putAll(extra);
            Instant began = Instant.now();
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took longer than 120 s:\n" + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log), Duration.between(began, Instant.now()));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    record Run(int exit, String output, Duration took) {
    }

    /** {@code node} from the PATH when it is 18 or newer (the generated client needs the global fetch). */
    static Optional<String> node() throws IOException, InterruptedException {
        if (!Command.onPath("node")) {
            return Optional.empty();
        }
        String version = probe(List.of("node", "--version"));
        boolean recent = version != null && version.matches("v\\d+\\..*")
                && Integer.parseInt(version.substring(1, version.indexOf('.'))) >= 18;
        return recent ? Optional.of("node") : Optional.empty();
    }

    /** The first python3 that can import what the generated client needs: the PATH's, then the system's. */
    static Optional<String> python() throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (Command.onPath("python3")) {
            candidates.add("python3");
        }
        Stream.of("/usr/bin/python3", "/usr/local/bin/python3").filter(p -> Files.isExecutable(Path.of(p)))
                .forEach(candidates::add);
        for (String candidate : candidates) {
            if (probe(List.of(candidate, "-c", PYTHON_PROBE)) != null) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The command's output when it exits 0 within 20 s, else null. */
    static String probe(List<String> command) throws IOException, InterruptedException {
        Command probe = Command.run(command, null, 20);
        return probe.exit() == 0 ? (probe.out() + probe.err()).trim() : null;
    }
}
