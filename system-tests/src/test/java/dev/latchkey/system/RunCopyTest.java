package dev.latchkey.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The launcher's copy of a packaged service keeps its AOT cache across packagings of the same build and only across
 * those. The oracle is a model of the packaging as a map of files: the copy must be replaced exactly when a file was
 * added or removed, or changed in content unless Quarkus derived it ({@code quarkus/}), whatever happened to
 * modification times.
 */
class RunCopyTest {

    private static final String SERVICE = "auth-service";
    private static final String GENERATED = "quarkus/generated-bytecode.jar";
    private static final String TRANSFORMED = "quarkus/transformed-bytecode.jar";
    private static final List<String> FILES = List.of("quarkus-run.jar", "app/auth-service.jar", "lib/main/a.jar",
            "lib/main/b.jar", "quarkus/quarkus-application.dat", TRANSFORMED, GENERATED);

    /** One thing a new build can do to a file of the packaging (besides rewriting every file, which each does). */
    record Change(Kind kind, String file, byte[] content) {
        enum Kind { CHANGE, ADD, REMOVE }
    }

    @Property(tries = 200)
    void theCopyIsReplacedExactlyWhenAnInputChanged(@ForAll("packagings") List<List<Change>> packagings) throws IOException {
        Path root = Files.createTempDirectory("latchkey-run-copy");
        try {
            Path built = RunCopy.built(root, SERVICE);
            Map<String, byte[]> model = new TreeMap<>();
            for (String file : FILES) {
                model.put(file, file.getBytes());
            }
            write(built, model);
            Path copy = RunCopy.refresh(root, SERVICE);
            Files.writeString(copy.resolve(ServiceJvm.AOT_CACHE), "trained");
            for (List<Change> packaging : packagings) {
                Map<String, String> before = inputs(model);
                for (Change change : packaging) {
                    apply(change, model);
                }
                boolean inputChanged = !before.equals(inputs(model));
                write(built, model);
                boolean cached = Files.exists(copy.resolve(ServiceJvm.AOT_CACHE));
                RunCopy.refresh(root, SERVICE);
                assertEquals(cached && !inputChanged, Files.exists(copy.resolve(ServiceJvm.AOT_CACHE)),
                        "the cache stays exactly when no input changed: " + packaging);
                if (inputChanged) {
                    assertEquals(read(built), read(copy), "a replaced copy holds the new packaging");
                    Files.writeString(copy.resolve(ServiceJvm.AOT_CACHE), "trained");
                } else {
                    assertEquals(read(built).keySet(), read(copy).keySet(), "the kept copy has the packaging's files");
                }
            }
        } finally {
            RunCopy.deleteTree(root);
        }
    }

    @Provide
    Arbitrary<List<List<Change>>> packagings() {
        List<String> candidates = new ArrayList<>(FILES);
        candidates.add("lib/main/new.jar");
        Arbitrary<Change> change = Combinators.combine(Arbitraries.of(Change.Kind.class), Arbitraries.of(candidates),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)).as(Change::new);
        return change.list().ofMaxSize(3).list().ofMinSize(1).ofMaxSize(4);  // an empty list: the same build again
    }

    /** What tells one build from another in the model: every file's content, but only the names of derived ones. */
    private static Map<String, String> inputs(Map<String, byte[]> model) {
        Map<String, String> inputs = new TreeMap<>();
        model.forEach((name, content) -> inputs.put(name, name.startsWith("quarkus/") ? "" : new String(content)));
        return inputs;
    }

    /** Applies a change to the model; true when the file's presence or content changed. */
    private static boolean apply(Change change, Map<String, byte[]> model) {
        String file = change.file();
        byte[] before = model.get(file);
        switch (change.kind()) {
            case CHANGE -> {
                if (before == null) {
                    return false;
                }
                byte[] other = (new String(before) + new String(change.content())).getBytes();
                model.put(file, other);
                return true;
            }
            case ADD -> {
                if (before != null) {
                    return false;
                }
                model.put(file, change.content());
                return true;
            }
            case REMOVE -> {
                if (before == null || file.equals("quarkus-run.jar")) {
                    return false;
                }
                model.remove(file);
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * A packaging: Quarkus empties the directory and writes every file anew, with a new modification time, and its
     * generated and enhanced classes differ from the last packaging's even when nothing else does.
     */
    private static void write(Path app, Map<String, byte[]> files) throws IOException {
        RunCopy.deleteTree(app);
        for (String derived : List.of(GENERATED, TRANSFORMED)) {
            files.computeIfPresent(derived, (name, content) -> (new String(content) + System.nanoTime()).getBytes());
        }
        FileTime now = FileTime.fromMillis(System.currentTimeMillis() + (long) (Math.random() * 100_000));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = app.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
            Files.setLastModifiedTime(path, now);
        }
    }

    private static Map<String, String> read(Path app) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(app)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String name = app.relativize(path).toString();
                if (!name.equals(ServiceJvm.AOT_CACHE) && !name.equals(RunCopy.INPUTS)) {
                    files.put(name, new String(Files.readAllBytes(path)));
                }
            }
        }
        return files;
    }

    @net.jqwik.api.Example
    void theBuildsJarsAreReproducible() throws IOException {
        // project.build.outputTimestamp: every entry of the service's own jar carries the fixed time, so packaging the
        // same sources twice, by package or by verify, gives the same bytes, which is what lets RunCopy keep a copy
        // and its cache.
        Path root = Path.of(System.getProperty("latchkey.root", "..")).toAbsolutePath().normalize();
        Path app = RunCopy.built(root, SERVICE).resolve("app");
        try (Stream<Path> jars = Files.list(app)) {
            Path jar = jars.filter(path -> path.toString().endsWith(".jar")).findFirst().orElseThrow();
            try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                long fixed = java.time.Instant.parse("1980-02-01T00:00:00Z").toEpochMilli();
                List<String> stamped = zip.stream().filter(entry -> Math.abs(entry.getLastModifiedTime().toMillis() - fixed)
                        > java.util.concurrent.TimeUnit.DAYS.toMillis(1)).map(java.util.zip.ZipEntry::getName).toList();
                assertTrue(stamped.isEmpty(), "entries with a build time: " + stamped);
                // verify's native check packages the app jar from the jar plugin's jar, a plain package (the run
                // command) from the classes: entries only the first has (the Maven descriptor) made the two builds
                // differ, and the run command after ./mvnw verify replaced the copy with the caches verify trained
                List<String> descriptor = zip.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(name -> name.startsWith("META-INF/maven/")).toList();
                assertTrue(descriptor.isEmpty(), "entries only a packaging from the jar has: " + descriptor);
            }
        }
    }
}
