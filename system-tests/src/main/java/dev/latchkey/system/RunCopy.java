package dev.latchkey.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The copy of a packaged service the launcher starts, {@code <service>/target/run-app}, and where its AOT cache lives
 * (docs/performance.md, "The run command and its AOT cache").
 *
 * <p>The JVM takes an AOT cache only for the very jars it was made with (their size and modification time), and
 * every packaging rewrites {@code target/quarkus-app}, even when nothing changed. Worse, what Quarkus derives in
 * {@code quarkus/} differs from one packaging of the same sources to the next: its generated classes (recorder and
 * proxy classes) and the classes Hibernate enhances (the attributes of an annotation it adds come in any order). So
 * the launcher does not start the build's directory but this copy, replaced only when what Quarkus packaged from
 * changed: the service's jar with its build-time configuration, its libraries (both reproducible since {@code
 * project.build.outputTimestamp}) and {@code quarkus-run.jar}, and which files {@code quarkus/} holds. An unchanged
 * build keeps the copy, and the cache trained in it stays valid. (Not seen: a build-time property given to Maven on
 * the command line, which changes only {@code quarkus/}; delete {@code target/run-app} after such a build.)
 */
final class RunCopy {

    static final String DIRECTORY = "target/run-app";
    /** The digest of what the copy was made from, written last: a copy without it is replaced. */
    static final String INPUTS = "latchkey-inputs.sha256";
    /** Files of the copy's own, never copied from the build: the AOT cache's and the digest. */
    private static final Set<String> OWN = Set.of(ServiceJvm.AOT_CACHE, ServiceJvm.AOT_CONFIGURATION,
            ServiceJvm.AOT_CACHE_JDK, INPUTS);
    /** What Quarkus derives from the rest, anew and not byte for byte the same at each packaging. */
    private static final String DERIVED = "quarkus/";

    private RunCopy() {
    }

    /** The build's packaging of {@code service}. */
    static Path built(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app");
    }

    /** The copy of {@code service} the launcher starts. */
    static Path of(Path root, String service) {
        return root.resolve(service).resolve(DIRECTORY);
    }

    /**
     * The copy of {@code service}, made anew from the build when the build's inputs differ from the copy's; else the
     * copy as it is, AOT cache included.
     */
    static synchronized Path refresh(Path root, String service) {
        Path built = built(root, service);
        Path copy = of(root, service);
        if (!Files.isRegularFile(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(built.resolve("quarkus-run.jar") + " is missing: build first (./mvnw package -DskipTests)");
        }
        try {
            String inputs = inputs(built);
            Path recorded = copy.resolve(INPUTS);
            if (Files.isRegularFile(recorded) && Files.readString(recorded).trim().equals(inputs)) {
                return copy;
            }
            deleteTree(copy);
            copyTree(built, copy);
            Files.writeString(recorded, inputs + "\n");
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + built + " to " + copy, e);
        }
    }

    /**
     * One SHA-256 over the relative path and content of every file of a packaging, in path order; of what Quarkus
     * derived, only the names.
     */
    static String inputs(Path app) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files(app)) {
            String name = app.relativize(file).toString().replace('\\', '/');
            if (OWN.contains(name)) {
                continue;
            }
            digest.update((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!name.startsWith(DERIVED)) {  // a derived file's presence counts, its content does not
                digest.update(HexFormat.of().parseHex(hash(file, buffer)));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String hash(Path file, byte[] buffer) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (Path file : files(from)) {
            String name = from.relativize(file).toString().replace('\\', '/');
            if (OWN.contains(name)) {
                continue;
            }
            Path target = to.resolve(from.relativize(file));
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
