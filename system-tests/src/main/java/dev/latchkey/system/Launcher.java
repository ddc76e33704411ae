package dev.latchkey.system;

import dev.latchkey.common.testing.PostgresServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts Latchkey on one machine: a PostgreSQL (the configured one, else an embedded one with its data kept under
 * the data directory), one database per service, then the three packaged services, and waits until all are ready.
 * From then on it supervises them: a service that exits unexpectedly is started again with back-off
 * ({@link SupervisedService}) while the others keep serving. {@link #main} is the run command; the system tests start
 * it the same way, and the fault tests kill, freeze and stop services and the database through it.
 */
public final class Launcher implements AutoCloseable {

    static {
        // The embedded PostgreSQL narrates initdb at INFO; only trouble is worth a line on the console.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    public static final List<String> SERVICES = List.of("rbac-service", "token-service", "auth-service");
    private static final Pattern CLIENT_ID = Pattern.compile("client_id:\\s+(lk_ci_[0-9A-Za-z]+)");
    private static final Pattern CLIENT_SECRET = Pattern.compile("client_secret:\\s+(lk_cs_[0-9A-Za-z]+)");
    private static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError";

    /** The ports of the three services. */
    public record Ports(int rbac, int token, int auth) {

        static Ports from(Map<String, String> env) {
            return new Ports(port(env, "LATCHKEY_RBAC_PORT", 8081), port(env, "LATCHKEY_TOKEN_PORT", 8082),
                    port(env, "LATCHKEY_AUTH_PORT", 8083));
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }

    private final PostgresServer postgres;
    private final List<SupervisedService> services = new ArrayList<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "latchkey-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Ports ports;
    private volatile String clientId;
    private volatile String clientSecret;
    private Duration startup;
    private Path root;
    private LocalSecrets secrets;
    private Map<String, String> env;
    private Consumer<String> output;
    private ServiceJvm jvm;
    private ServiceJvm.AotMode aotMode;
    private boolean closed;

    private Launcher(PostgresServer postgres, Ports ports) {
        this.postgres = postgres;
        this.ports = ports;
    }

    /**
     * @param root          the repository (where the services' {@code target/quarkus-app} are; they start from their
     *                      {@link RunCopy})
     * @param dataDirectory where the embedded PostgreSQL and the local secrets live
     * @param env           the environment: {@code LATCHKEY_DB_*} for a configured PostgreSQL, secrets, options
     * @param output        receives every line the services print, prefixed with the service's name
     */
    public static Launcher start(Path root, Path dataDirectory, Ports ports, Map<String, String> env,
            Consumer<String> output) throws InterruptedException {
        Instant began = Instant.now();
        PostgresServer configured = PostgresServer.configured();
        PostgresServer postgres = configured != null ? configured
                : PostgresServer.embedded(dataDirectory.resolve("postgres"), true);
        Launcher launcher = new Launcher(postgres, ports);
        try {
            launcher.startServices(root, LocalSecrets.load(dataDirectory, env), env, output);
        } catch (RuntimeException | InterruptedException e) {
            launcher.close();
            throw e;
        }
        launcher.startup = Duration.between(began, Instant.now());
        return launcher;
    }

    private void startServices(Path root, LocalSecrets secrets, Map<String, String> env, Consumer<String> output)
            throws InterruptedException {
        this.root = root;
        this.secrets = secrets;
        this.env = env;
        this.output = output;
        this.jvm = ServiceJvm.resolve(env, ServiceJvm.JVM_DIRECTORY);
        this.aotMode = ServiceJvm.aotMode(env);
        for (String service : SERVICES) {
            RunCopy.refresh(root, service);
        }
        output.accept("[launcher] the services run on " + jvm + aotNote());
        int[] portOf = {ports.rbac(), ports.token(), ports.auth()};
        for (int i = 0; i < SERVICES.size(); i++) {
            services.add(supervise(SERVICES.get(i), portOf[i], ""));
        }
        for (SupervisedService service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    /**
     * Starts one more replica of a service on its own port, on the same database (for tests of several replicas).
     * It stops with the others.
     */
    public void startReplica(String name, int port) throws InterruptedException {
        SupervisedService replica = supervise(name, port, "-" + port);
        synchronized (this) {
            services.add(replica);
        }
        replica.awaitReady(Duration.ofSeconds(120));
    }

    /** How the services start with regard to their AOT caches, for the launcher's first line. */
    private String aotNote() {
        if (aotMode == ServiceJvm.AotMode.TRAIN) {
            return ", training their AOT caches (written when they stop)";
        }
        long cached = SERVICES.stream().filter(name -> !jvm.aotOptions(RunCopy.of(root, name), aotMode).isEmpty()).count();
        return cached == SERVICES.size() ? ", with their AOT caches" : cached == 0 ? ", without AOT caches"
                : ", " + cached + " of " + SERVICES.size() + " with an AOT cache";
    }

    private SupervisedService supervise(String name, int port, String suffix) {
        int managementPort = managementPortFor(port);
        return new SupervisedService(name, port, () -> launch(name, port, managementPort, suffix), supervisor, output);
    }

    private ServiceProcess launch(String name, int port, int managementPort, String suffix) {
        Path app = RunCopy.of(root, name);
        List<String> jvmOptions = new ArrayList<>(jvm.aotOptions(app, aotMode));
        jvmOptions.addAll(Arrays.asList(env.getOrDefault("LATCHKEY_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+")));
        if (aotMode == ServiceJvm.AotMode.TRAIN) {
            AotTraining.prepare(app, jvm);
        }
        String authUrl = "http://127.0.0.1:" + ports.auth();
        String database = "latchkey_" + name.substring(0, name.indexOf('-'));
        postgres.ensureDatabase(database);
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put("LATCHKEY_DB_HOST", postgres.host());
        childEnv.put("LATCHKEY_DB_PORT", String.valueOf(postgres.port()));
        childEnv.put("LATCHKEY_DB_USER", postgres.user());
        childEnv.put("LATCHKEY_DB_PASSWORD", postgres.password());
        // The packaged services run in the prod profile, which refuses an empty database password and an http://
        // issuer unless allowed (ADR 0013): on a laptop both are expected, so the launcher allows them explicitly.
        if (postgres.password().isEmpty()) {
            childEnv.put("LATCHKEY_DB_ALLOW_EMPTY_PASSWORD", "true");
        }
        childEnv.put("LATCHKEY_DB_NAME", database);
        childEnv.put("LATCHKEY_INTERNAL_CREDENTIAL", secrets.internalCredential());
        childEnv.put("LATCHKEY_SECRET_PEPPER", secrets.pepper());
        childEnv.put("LATCHKEY_AUTH_MASTER_KEY", secrets.masterKey());
        childEnv.putIfAbsent("LATCHKEY_AUTH_ISSUER", authUrl);
        if (childEnv.get("LATCHKEY_AUTH_ISSUER").startsWith("http://")) {
            childEnv.putIfAbsent("LATCHKEY_ALLOW_INSECURE_ISSUER", "true");
        }
        childEnv.put("LATCHKEY_AUTH_URL", authUrl);
        childEnv.put("LATCHKEY_TOKEN_SERVICE_URL", "http://127.0.0.1:" + ports.token());
        childEnv.put("LATCHKEY_RBAC_SERVICE_URL", "http://127.0.0.1:" + ports.rbac());
        // The API Tokens page is served by token-service and calls rbac-service from the browser: rbac-service (and
        // token-service, for a vendor's app that embeds the element) allow token-service's origin besides any given.
        String portalOrigin = "http://127.0.0.1:" + ports.token();
        String origins = env.get("LATCHKEY_PORTAL_ORIGINS");
        childEnv.put("LATCHKEY_PORTAL_ORIGINS", origins == null || origins.isBlank() ? portalOrigin : portalOrigin + "," + origins);
        childEnv.putIfAbsent("LATCHKEY_PORTAL_RBAC_URL", "http://127.0.0.1:" + ports.rbac());
        childEnv.putIfAbsent("LATCHKEY_PORTAL_AUTH_URL", authUrl);
        String prefix = String.format("[%-5s] ", name.substring(0, name.indexOf('-')) + suffix);
        Consumer<String> relay = name.equals("token-service")
                ? line -> {
                    watchForBootstrap(line);
                    output.accept(prefix + line);
                }
                : line -> output.accept(prefix + line);
        return ServiceProcess.start(app, name, port, managementPort, childEnv, jvm.java(), jvmOptions, relay);
    }

    /** Ports {@link #freePort} handed out in this JVM, each with its management twin (port + 1000). */
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    /**
     * A free loopback port for a service whose management twin (port + 1000, see {@link #managementPortFor}) is free
     * too, and neither of which was handed out before in this JVM. Ports picked one by one from the OS can otherwise
     * meet: one service's HTTP port can be another's port + 1000, and the later one then fails to bind.
     */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no free port", e);
            }
            int twin = port + 1000;
            if (twin <= 65535 && !HANDED_OUT.contains(port) && !HANDED_OUT.contains(twin) && bindable(twin)) {
                HANDED_OUT.add(port);
                HANDED_OUT.add(twin);
                return port;
            }
        }
        throw new IllegalStateException("no free port whose port + 1000 is free too");
    }

    private static boolean bindable(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException taken) {
            return false;
        }
    }

    /** The management interface's port: the HTTP port + 1000 (9081, 9082, 9083 by default), or any free one. */
    private static int managementPortFor(int port) {
        int preferred = port + 1000;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (java.io.IOException taken) {
            try (java.net.ServerSocket any = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return any.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no free port for a management interface", e);
            }
        }
    }

    private void watchForBootstrap(String line) {
        Matcher id = CLIENT_ID.matcher(line);
        if (id.find()) {
            clientId = id.group(1);
        }
        Matcher secret = CLIENT_SECRET.matcher(line);
        if (secret.find()) {
            clientSecret = secret.group(1);
        }
    }

    /** The bootstrap credential, when token-service created and printed it during this start. */
    public Optional<BootstrapCredential> bootstrap() {
        return clientId == null || clientSecret == null ? Optional.empty()
                : Optional.of(new BootstrapCredential(clientId, clientSecret));
    }

    /** Where each service answers /q/health/ready and /q/metrics. */
    public String managementUrls() {
        return services.stream().map(s -> s.name + " " + s.managementUrl() + "/q/health/ready")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public Ports ports() {
        return ports;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Duration startup() {
        return startup;
    }

    /** Process ids of the services, in {@link #SERVICES} order, then the replicas. */
    public synchronized List<Long> pids() {
        return services.stream().map(SupervisedService::pid).toList();
    }

    // Fault injection for the tests, by the port a service (or replica) answers on.

    /** The process id of the service on {@code port} now (it changes when the service is started again). */
    public long pid(int port) {
        return service(port).pid();
    }

    /** How often the supervisor started the service on {@code port} again after an exit. */
    public int restarts(int port) {
        return service(port).restarts();
    }

    /** kill -9 of the service on {@code port}; the supervisor starts it again. */
    public void killService(int port) {
        service(port).kill();
    }

    /** SIGSTOP of the service on {@code port}: it keeps its sockets and answers nothing until {@link #thawService}. */
    public void freezeService(int port) {
        service(port).freeze();
    }

    /** SIGCONT of a frozen service. */
    public void thawService(int port) {
        service(port).thaw();
    }

    /** Stops the service on {@code port} (SIGTERM) and keeps it down until {@link #startService}. */
    public void stopService(int port) {
        service(port).stop();
    }

    /** Starts a service {@link #stopService stopped} on purpose again, on the same port with the same environment. */
    public void startService(int port) {
        service(port).start();
    }

    /** Waits until the service on {@code port} answers ready (through restarts); returns how long that took. */
    public Duration awaitReady(int port, Duration timeout) throws InterruptedException {
        return service(port).awaitReady(timeout);
    }

    /** The service's management interface ({@code /q/health/ready}, {@code /q/metrics}). */
    public String managementUrl(int port) {
        return service(port).managementUrl();
    }

    private synchronized SupervisedService service(int port) {
        return services.stream().filter(s -> s.port == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service on port " + port));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.shutdownNow();
        // A service training its AOT cache writes it on the way out, which takes a while: all stop at once, each with
        // the time that needs.
        Duration grace = aotMode == ServiceJvm.AotMode.TRAIN ? AotTraining.STOP_GRACE : Duration.ofSeconds(10);
        List<Thread> stopping = services.stream().map(service -> {
            Thread thread = new Thread(() -> service.close(grace), "latchkey-stop-" + service.name);
            thread.start();
            return thread;
        }).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        postgres.close();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path root = Path.of(System.getProperty("latchkey.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env.getOrDefault("LATCHKEY_DATA_DIR", root.resolve(".data").toString())).toAbsolutePath();
        PrintStream console = System.out;
        Ports ports = Ports.from(env);
        console.println("Starting Latchkey: data in " + data + (PostgresServer.configured() != null
                ? ", PostgreSQL at " + env.get("LATCHKEY_DB_HOST") : ", embedded PostgreSQL"));
        Launcher launcher = start(root, data, ports, env, console::println);
        Path trainingLog = data.resolve("aot-training.log");
        Optional<Process> training = AotTraining.inBackground(root, launcher.jvm, launcher.aotMode, env, trainingLog);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            training.ifPresent(AotTraining::stop);
            launcher.close();
        }, "latchkey-stop"));
        console.println(summary(launcher, demo(launcher, data, env)));
        training.ifPresent(process -> console.println("[aot] There is no AOT cache for this build on " + launcher.jvm
                + " yet: one is being trained in the background at the lowest CPU priority (a few minutes; log: "
                + trainingLog + "). The next start of the same build uses it and is ready sooner."));
        // Runs until Ctrl-C (the shutdown hook stops everything); a service that dies meanwhile is started again.
        new CountDownLatch(1).await();
    }

    /**
     * How to open the API Tokens page as a demo user ({@link DemoSession}): possible when the vendor credential is
     * known, i.e. on the first start of a data directory or when it is configured. {@code LATCHKEY_DEMO=false} skips it.
     */
    static String demo(Launcher launcher, Path data, Map<String, String> env) {
        if ("false".equalsIgnoreCase(env.get("LATCHKEY_DEMO"))) {
            return "";
        }
        Optional<BootstrapCredential> vendor = launcher.bootstrap().or(() -> BootstrapCredential.configured(env));
        if (vendor.isEmpty()) {
            return "\nThe API Tokens page: http://127.0.0.1:" + launcher.ports().token() + "/portal/ — a demo link needs the"
                    + " vendor credential: start with LATCHKEY_BOOTSTRAP_CLIENT_ID and LATCHKEY_BOOTSTRAP_CLIENT_SECRET set.\n";
        }
        try {
            DemoSession.Link link = DemoSession.link(launcher.ports(), vendor.get(), data);
            return "\nThe API Tokens page, signed in as " + DemoSession.USER + ", an Admin of " + DemoSession.TENANT_NAME
                    + " (the session lasts " + link.validSeconds() / 60 + " min and stays in the browser: the part after #"
                    + " is never sent to a server):\n\n  " + link.url() + "\n";
        } catch (Exception e) {
            return "\nNo demo link for the API Tokens page: " + e.getMessage() + "\n";
        }
    }

    /** What the run command prints once everything is ready; {@code demo} goes just before the last line. */
    static String summary(Launcher launcher, String demo) {
        Ports p = launcher.ports();
        StringBuilder out = new StringBuilder("\nLatchkey is ready in ").append(launcher.startup().toMillis()).append(" ms:\n")
                .append("  rbac-service   http://127.0.0.1:").append(p.rbac()).append("   (tenants, roles)\n")
                .append("  token-service  http://127.0.0.1:").append(p.token()).append("   (API tokens)\n")
                .append("  auth-service   http://127.0.0.1:").append(p.auth()).append("   (OAuth2, JWKS)\n")
                .append("  OpenAPI: /q/openapi on each; health and metrics on the management ports: ")
                .append(launcher.managementUrls()).append("\n\n");
        Optional<BootstrapCredential> bootstrap = launcher.bootstrap();
        String id = bootstrap.map(BootstrapCredential::clientId).orElse("<client_id>");
        String secret = bootstrap.map(BootstrapCredential::clientSecret).orElse("<client_secret>");
        if (bootstrap.isPresent()) {
            out.append("The vendor bootstrap credential was created and is printed above and below, this once. Store it now.\n\n");
        } else {
            out.append("The vendor bootstrap credential was printed when this data directory was created.\n")
                    .append("Lost it? Stop, then start with LATCHKEY_BOOTSTRAP_CLIENT_ID and LATCHKEY_BOOTSTRAP_CLIENT_SECRET set\n")
                    .append("to a new pair (it replaces the stored one), or delete the data directory to begin afresh.\n\n");
        }
        out.append("Get a JWT, then create a tenant with it:\n\n")
                .append("  TOKEN=$(curl -s -u '").append(id).append(':').append(secret).append("' \\\n")
                .append("      -d grant_type=client_credentials http://127.0.0.1:").append(p.auth()).append("/oauth/token \\\n")
                .append("      | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n")
                .append("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n")
                .append("      -d '{\"name\":\"Acme Corp\"}' http://127.0.0.1:").append(p.rbac()).append("/tenants\n")
                .append(demo).append("\nCtrl-C stops everything; the data stays in the data directory.\n");
        return out.toString();
    }
}
