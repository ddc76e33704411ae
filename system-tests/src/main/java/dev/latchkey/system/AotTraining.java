package dev.latchkey.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains the services' AOT caches (JDK 25, Project Leyden; docs/performance.md "Start and footprint"): starts the
 * three packaged services through the launcher with {@code LATCHKEY_AOT=train} on free ports and a scratch database,
 * drives what a start and a first use run (the demo session of the run command, client-credentials exchanges,
 * introspection, JWKS, the API Tokens page), stops them, and each writes {@code app.aot} in its {@link RunCopy} on its
 * way out. The launcher then uses the caches on that JDK ({@link ServiceJvm}).
 *
 * <p>Does nothing, successfully, when no JDK 25+ is found (the services then run without a cache) or when every run
 * copy has a cache made by the JDK the launcher would use ({@link ServiceJvm#hasCache}; a changed build replaces the
 * copy, cache included): a build that changed nothing costs nothing. {@code -Dlatchkey.aot.skip=true} skips it.
 */
public final class AotTraining {

    /** How long a training service may take to write its cache after SIGTERM (it writes what it recorded, ~130 MB). */
    static final Duration STOP_GRACE = Duration.ofMinutes(1);
    private static final int ROUNDS = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AotTraining() {
    }

    /** Before a service starts in training mode: the old cache goes, the JDK that writes the new one is noted. */
    static void prepare(Path app, ServiceJvm jvm) {
        try {
            Files.deleteIfExists(app.resolve(ServiceJvm.AOT_CACHE));
            Files.writeString(app.resolve(ServiceJvm.AOT_CACHE_JDK), jvm.runtimeVersion() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the AOT cache in " + app, e);
        }
    }

    /** True when every service's run copy ({@link RunCopy}) has a cache {@code jvm} can use. */
    static boolean fresh(Path root, ServiceJvm jvm) {
        return Launcher.SERVICES.stream().allMatch(service -> jvm.hasCache(RunCopy.of(root, service)));
    }

    /**
     * The run command's training ({@code LATCHKEY_AOT=auto}): when the services started without a valid cache on a JDK
     * that can use one, trains in a separate JVM at the lowest CPU priority ({@code nice}, inherited by the services it
     * starts) while they serve, so that the next start of the same build uses the caches. Its environment keeps only
     * the JVM choice of {@code env}: it never sees a configured database or bootstrap credential.
     */
    static Optional<Process> inBackground(Path root, ServiceJvm jvm, ServiceJvm.AotMode mode, Map<String, String> env,
            Path log) {
        if (mode != ServiceJvm.AotMode.AUTO || jvm.feature() < ServiceJvm.AOT_FEATURE || fresh(root, jvm)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.addAll(List.of(ServiceJvm.current().java().toString(), "-Dlatchkey.root=" + root,
                "-cp", System.getProperty("java.class.path"), AotTraining.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = trainingEnvironment(builder.environment(), env);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return Optional.of(builder.start());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The environment of a training {@link #inBackground}: the process's own without any {@code LATCHKEY_} setting (a
     * configured database, bootstrap credential, ports or issuer), but with the JVM choice of {@code env}.
     */
    static Map<String, String> trainingEnvironment(Map<String, String> inherited, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(inherited);
        environment.keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        for (String kept : List.of("LATCHKEY_JAVA_HOME", "LATCHKEY_JAVA_OPTS")) {
            if (env.containsKey(kept)) {
                environment.put(kept, env.get(kept));
            }
        }
        return environment;
    }

    /** Stops a training {@link #inBackground}: its own shutdown hook stops the services it started. */
    static void stop(Process training) {
        training.destroy();
        try {
            if (!training.waitFor(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                training.descendants().forEach(ProcessHandle::destroyForcibly);
                training.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("latchkey.root", ".")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>(System.getenv());
        if (Boolean.getBoolean("latchkey.aot.skip") || "off".equalsIgnoreCase(env.get("LATCHKEY_AOT"))) {
            System.out.println("[aot] skipped");
            return;
        }
        ServiceJvm jvm = ServiceJvm.resolve(env, ServiceJvm.JVM_DIRECTORY);
        if (jvm.feature() < ServiceJvm.AOT_FEATURE) {
            System.out.println("[aot] no JDK " + ServiceJvm.AOT_FEATURE + "+ (found " + jvm + "): the services run without"
                    + " an AOT cache. Set LATCHKEY_JAVA_HOME to one to train it.");
            return;
        }
        for (String service : Launcher.SERVICES) {
            RunCopy.refresh(root, service);
        }
        if (fresh(root, jvm)) {
            System.out.println("[aot] the AOT caches are up to date for " + jvm);
            return;
        }
        Instant began = Instant.now();
        Path data = Files.createTempDirectory("latchkey-aot-training");
        env.put("LATCHKEY_AOT", "train");
        env.put("LATCHKEY_DATA_DIR", data.toString());
        Launcher.Ports ports = new Launcher.Ports(Launcher.freePort(), Launcher.freePort(), Launcher.freePort());
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        System.out.println("[aot] training the AOT caches on " + jvm);
        try (Launcher launcher = Launcher.start(root, data, ports, env, log::add)) {
            // A SIGTERM or Ctrl-C while training stops the services it started too.
            Thread stop = new Thread(launcher::close, "latchkey-aot-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            BootstrapCredential vendor = launcher.bootstrap().orElseThrow(() -> new IllegalStateException("no bootstrap credential"));
            exercise(launcher, vendor, data);
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (RuntimeException e) {
            // the scratch services' output, for diagnosis, without the bootstrap credential they printed
            System.out.println(dev.latchkey.common.secret.SecretFormat.redact(String.join("\n", log)));
            throw e;
        } finally {
            deleteTree(data);
        }
        for (String service : Launcher.SERVICES) {
            Path cache = create(RunCopy.of(root, service), jvm);
            System.out.printf("[aot] %s: %s, %d MB%n", service, cache, Files.size(cache) >> 20);
        }
        System.out.println("[aot] trained in " + Duration.between(began, Instant.now()).toSeconds() + " s");
    }

    /**
     * The assembly step of JEP 483 from what the training run recorded; the same class path ({@code -jar
     * quarkus-run.jar} in the same directory) as the runs that will use it. (The one-step {@code -XX:AOTCacheOutput}
     * hands the assembly to a child JVM at exit, which a SIGTERM-stopped service did not finish here.)
     */
    private static Path create(Path app, ServiceJvm jvm) throws IOException, InterruptedException {
        Path configuration = app.resolve(ServiceJvm.AOT_CONFIGURATION);
        Path cache = app.resolve(ServiceJvm.AOT_CACHE);
        Path partial = app.resolve(ServiceJvm.AOT_CACHE + ".partial");
        if (!Files.isRegularFile(configuration)) {
            throw new IllegalStateException("the training run wrote no " + configuration);
        }
        Process create = new ProcessBuilder(jvm.java().toString(), "-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + partial, "-XX:+UseSerialGC",
                "-jar", app.resolve("quarkus-run.jar").toString()).redirectErrorStream(true).start();
        String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (create.waitFor() != 0 || !Files.isRegularFile(partial)) {
            throw new IllegalStateException("creating " + cache + " failed:\n" + output);
        }
        // Whole or not at all: a start never finds half a cache.
        Files.move(partial, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.delete(configuration);
        return cache;
    }

    /** What a first use of Latchkey does, a few hundred times over so that the hot paths get profiled too. */
    private static void exercise(Launcher launcher, BootstrapCredential vendor, Path data) throws Exception {
        Launcher.Ports ports = launcher.ports();
        String auth = "http://127.0.0.1:" + ports.auth();
        DemoSession.link(ports, vendor, data);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (vendor.clientId() + ":" + vendor.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String jwt = null;
        for (int i = 0; i < ROUNDS; i++) {
            String answer = post(auth + "/oauth/token", basic, "grant_type=client_credentials");
            jwt = answer.replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            post(auth + "/oauth/introspect", basic, "token=" + jwt);
        }
        for (int i = 0; i < ROUNDS; i++) {
            get(auth + "/.well-known/jwks.json", null);
            get("http://127.0.0.1:" + ports.rbac() + "/tenants", "Bearer " + jwt);
        }
        get("http://127.0.0.1:" + ports.token() + "/portal/", null);
    }

    private static String post(String url, String authorization, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
