package dev.latchkey.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tool the tests run to its end (kubectl, npm, node, python3, openssl, keytool), with a timeout, and what it printed.
 * Tools that may be missing are looked up with {@link #find} so a test can skip with a message instead of failing.
 */
public record Command(int exit, String out, String err) {

    /** Runs {@code command} with stdin from {@code input} when not null. */
    public static Command run(List<String> command, String input, int timeoutSeconds) throws IOException, InterruptedException {
        return run(command, Map.of(), input, timeoutSeconds);
    }

    /** As {@link #run(List, String, int)}, with {@code env} added to this process's environment. */
    public static Command run(List<String> command, Map<String, String> env, String input, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(command, env, null, input, timeoutSeconds);
    }

    /** As {@link #run(List, Map, String, int)}, in {@code directory} (the current one when null). */
    public static Command run(List<String> command, Map<String, String> env, Path directory, String input,
            int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("latchkey-run", ".out");
        Path err = Files.createTempFile("latchkey-run", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took longer than " + timeoutSeconds + " s");
            }
            return new Command(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether an executable of that name is on the PATH. */
    public static boolean onPath(String name) {
        return find(name).isPresent();
    }

    /**
     * An executable: {@code name} itself when it is a path, else the first on the PATH by that name; else the first of
     * {@code fallbacks} that exists (for tools in {@code /usr/sbin}, which a non-root PATH often lacks).
     */
    public static Optional<Path> find(String name, String... fallbacks) {
        String path = System.getenv("PATH");
        Stream<Path> candidates = name.contains(File.separator) ? Stream.of(Path.of(name))
                : path == null ? Stream.empty() : Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name));
        return Stream.concat(candidates, Stream.of(fallbacks).map(Path::of)).filter(Files::isExecutable).findFirst();
    }
}
