package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JVM the launcher runs the services on, and the options that come with it. Which one (docs/performance.md,
 * "Start and footprint", has the measurements behind the choice): {@code LATCHKEY_JAVA_HOME} when set; else the newest
 * JDK of version {@value #AOT_FEATURE} or later under {@code /usr/lib/jvm} (JDK 25 starts the services faster and can
 * use Quarkus' AOT cache); else the JVM the launcher itself runs on. The services are built for Java 17 and run on
 * any of them.
 *
 * <p>The AOT cache (JDK 25's Leyden cache, {@code app.aot} in the service's {@link RunCopy}) is used when it exists,
 * was made by this very JDK and the runtime supports it: {@code LATCHKEY_AOT=auto}, the default, where the run command
 * also trains one in the background when there is none ({@link AotTraining#inBackground}); {@code use} uses it and
 * never trains (the benchmarks); {@code off} never uses it; {@code train} records instead what each service loads and
 * compiles while it runs, from which {@link AotTraining} then creates the cache.
 */
record ServiceJvm(Path java, int feature, String runtimeVersion) {

    /** The first JDK with the AOT cache of JEP 514/515 (ahead-of-time command line ergonomics and method profiles). */
    static final int AOT_FEATURE = 25;
    static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    /** The cache file of a service, beside its quarkus-run.jar. */
    static final String AOT_CACHE = "app.aot";
    /** What a training run recorded, from which {@link AotTraining} creates the cache. */
    static final String AOT_CONFIGURATION = "app.aot.config";
    /** Which JDK wrote the cache: a cache is only valid on the JDK build that wrote it. */
    static final String AOT_CACHE_JDK = "app.aot.jdk";

    enum AotMode { AUTO, USE, OFF, TRAIN }

    /** Picks the JVM as described above; {@code jvmDirectory} is where JDKs are looked for. */
    static ServiceJvm resolve(Map<String, String> env, Path jvmDirectory) {
        String home = env.get("LATCHKEY_JAVA_HOME");
        if (home != null && !home.isBlank()) {
            return of(Path.of(home.trim())).orElseThrow(() -> new IllegalStateException(
                    "LATCHKEY_JAVA_HOME=" + home + " is not a JDK (no bin/java and release file there)"));
        }
        return newest(jvmDirectory).filter(jvm -> jvm.feature >= AOT_FEATURE).orElseGet(ServiceJvm::current);
    }

    /** The JVM this process runs on. */
    static ServiceJvm current() {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        return new ServiceJvm(java, Runtime.version().feature(), System.getProperty("java.runtime.version"));
    }

    /** The JDK installed at {@code home}, read from its {@code release} file. */
    static Optional<ServiceJvm> of(Path home) {
        Path java = home.resolve("bin/java");
        Path release = home.resolve("release");
        if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = unquote(properties.getProperty("JAVA_VERSION", ""));
        String runtime = unquote(properties.getProperty("JAVA_RUNTIME_VERSION", version));
        try {
            return Optional.of(new ServiceJvm(java, Runtime.Version.parse(version).feature(), runtime));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<ServiceJvm> newest(Path jvmDirectory) {
        if (!Files.isDirectory(jvmDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvmDirectory)) {
            return homes.sorted().map(ServiceJvm::of).flatMap(Optional::stream)
                    .max(Comparator.comparingInt(ServiceJvm::feature));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String value) {
        return value.replaceAll("^\"|\"$", "");
    }

    static AotMode aotMode(Map<String, String> env) {
        String mode = env.getOrDefault("LATCHKEY_AOT", "auto").trim();
        try {
            return AotMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LATCHKEY_AOT must be auto, use, off or train, not " + mode);
        }
    }

    /**
     * The JVM options about the AOT cache of the service packaged in {@code app} (its {@link RunCopy}): none,
     * {@code -XX:AOTCache} to use it, or {@code -XX:AOTMode=record} to train it.
     */
    List<String> aotOptions(Path app, AotMode mode) {
        List<String> options = new ArrayList<>();
        Path cache = app.resolve(AOT_CACHE);
        if (mode == AotMode.TRAIN) {
            if (feature < AOT_FEATURE) {
                throw new IllegalStateException("LATCHKEY_AOT=train needs JDK " + AOT_FEATURE + "+, not " + runtimeVersion
                        + " (" + java + "): set LATCHKEY_JAVA_HOME");
            }
            options.add("-XX:AOTMode=record");
            options.add("-XX:AOTConfiguration=" + app.resolve(AOT_CONFIGURATION));
        } else if ((mode == AotMode.AUTO || mode == AotMode.USE) && hasCache(app)) {
            options.add("-XX:AOTCache=" + cache);
        }
        return options;
    }

    /**
     * True when this JVM can use the cache in {@code app}: it supports AOT caches, and the cache exists and was made by
     * this very JDK build. Nothing else needs checking: a changed build replaces the whole {@link RunCopy}, cache
     * included, and the JVM itself refuses a cache made for other jars.
     */
    boolean hasCache(Path app) {
        return feature >= AOT_FEATURE && Files.isRegularFile(app.resolve(AOT_CACHE))
                && runtimeVersion.equals(cacheJdk(app).orElse(null));
    }

    /** The runtime version of the JDK that wrote the cache in {@code app}, when known. */
    static Optional<String> cacheJdk(Path app) {
        try {
            Path marker = app.resolve(AOT_CACHE_JDK);
            return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return runtimeVersion + " (" + java + ")";
    }
}
