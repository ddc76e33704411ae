package dev.latchkey.system.verifiers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.system.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JWT libraries that share no code with Latchkey, verifying its JWTs as a vendor's resource server would: npm
 * {@code jose} (src/test/resources/verifiers/jose-verify.mjs, installed once into target/verifiers/node) and PyJWT
 * with {@code PyJWKClient} (Debian {@code python3-jwt}; pyjwt-verify.py). Each call skips, with a message, where
 * Node or PyJWT cannot be had.
 */
public final class IndependentVerifiers {

    /** An exact version, so that a new release cannot change the verdict unannounced. */
    static final String JOSE = "jose@6.2.18";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("target/verifiers").toAbsolutePath();

    /**
     * What to verify: every token against the JWKS at {@code jwks}, expecting {@code issuer}, {@code audience} and the
     * header {@code typ}.
     */
    public record Request(String jwks, String issuer, String audience, String typ, Map<String, String> tokens) {
    }

    /** One verifier's answer for one token: accepted with its header {@code typ} and claims, or refused with why. */
    public record Verdict(boolean ok, String typ, JsonNode claims, String error) {
    }

    private IndependentVerifiers() {
    }

    /** npm {@code jose}: {@code createRemoteJWKSet} and {@code jwtVerify}. */
    public static Map<String, Verdict> jose(Request request) throws IOException, InterruptedException {
        assumeTrue(Command.onPath("node") && Command.onPath("npm"),
                "node or npm is not on the PATH: JWTs are not verified with npm jose");
        Path dir = DIR.resolve("node");
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("node_modules/jose"))) {
            Command install = Command.run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", dir.toString(), JOSE), null, 300);
            assumeTrue(install.exit() == 0, "npm install " + JOSE + " failed (offline?): " + install.err());
        }
        // next to its node_modules, so that `import "jose"` resolves
        Path script = copy("jose-verify.mjs", dir);
        return verdicts("npm " + JOSE, Command.run(List.of("node", script.toString()), JSON.writeValueAsString(request), 120));
    }

    /** PyJWT: {@code PyJWKClient} and {@code jwt.decode}. */
    public static Map<String, Verdict> pyjwt(Request request) throws IOException, InterruptedException {
        Optional<String> python = pythonWithPyJwt();
        assumeTrue(python.isPresent(), "no python3 with PyJWT and cryptography (Debian: apt-get install python3-jwt): "
                + "JWTs are not verified with PyJWT");
        Path script = copy("pyjwt-verify.py", DIR.resolve("python"));
        return verdicts("PyJWT", Command.run(List.of(python.get(), script.toString()), JSON.writeValueAsString(request), 120));
    }

    /** The first python3 that imports PyJWT with its crypto: the PATH's, else Debian's own (pyenv shims lack it). */
    private static Optional<String> pythonWithPyJwt() throws IOException, InterruptedException {
        for (Optional<Path> python : List.of(Command.find("python3"), Command.find("/usr/bin/python3"))) {
            if (python.isPresent() && Command.run(List.of(python.get().toString(), "-c",
                    "import jwt, cryptography; jwt.PyJWKClient"), null, 30).exit() == 0) {
                return Optional.of(python.get().toString());
            }
        }
        return Optional.empty();
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve(resource);
        try (InputStream in = IndependentVerifiers.class.getResourceAsStream("/verifiers/" + resource)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static Map<String, Verdict> verdicts(String verifier, Command run) throws IOException {
        if (run.exit() != 0) {
            throw new AssertionError(verifier + " failed:\n" + run.out() + run.err());
        }
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        JSON.readTree(run.out()).fields().forEachRemaining(e -> verdicts.put(e.getKey(), new Verdict(
                e.getValue().path("ok").asBoolean(), e.getValue().path("typ").asText(null),
                e.getValue().get("claims"), e.getValue().path("error").asText(null))));
        return verdicts;
    }
}
