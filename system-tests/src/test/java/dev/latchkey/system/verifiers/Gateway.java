package dev.latchkey.system.verifiers;

import dev.latchkey.system.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real API gateway for the system tests: Apache httpd with {@code mod_auth_openidc} (Debian {@code apache2} and
 * {@code libapache2-mod-auth-openidc}), started as a child process with its own configuration under a directory of
 * {@code target/}, bound to 127.0.0.1. The configuration is src/test/resources/gateway/latchkey-gateway.conf; this class
 * only loads the modules, sets the server's own paths and {@code Define}s its variables.
 */
public final class Gateway implements AutoCloseable {

    /** Where Debian, Fedora/RHEL and others keep the modules; {@code latchkey.gateway.modules} names another. */
    private static final List<String> MODULE_DIRS = List.of("/usr/lib/apache2/modules", "/usr/lib64/httpd/modules",
            "/usr/lib/httpd/modules", "/usr/libexec/apache2");
    /** The modules the configuration uses, in load order; one that is compiled in has no file and is skipped. */
    private static final Map<String, String> MODULES = modules();

    /**
     * The gateway's ports, chosen before Latchkey starts because the issuer is the TLS front's address. They come from
     * {@code latchkey.gateway.ports} (default 18200-18299), the first free ones.
     */
    public record Ports(int tls, int jwt, int introspection, int backend) {

        /** The https address of auth-service through the gateway's TLS front: the issuer of every JWT. */
        public String issuer() {
            return "https://127.0.0.1:" + tls;
        }

        public static Ports reserve() {
            String[] range = System.getProperty("latchkey.gateway.ports", "18200-18299").split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = Integer.parseInt(range[1].trim());
            List<Integer> free = new ArrayList<>();
            for (int port = from; port <= to && free.size() < 4; port++) {
                if (isFree(port)) {
                    free.add(port);
                }
            }
            if (free.size() < 4) {
                throw new IllegalStateException("fewer than 4 free ports in " + from + "-" + to
                        + " (set -Dlatchkey.gateway.ports=<from>-<to>)");
            }
            return new Ports(free.get(0), free.get(1), free.get(2), free.get(3));
        }

        private static boolean isFree(int port) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException taken) {
                return false;
            }
        }
    }

    /** An Apache httpd binary and the directory holding mod_auth_openidc. */
    record Installation(Path binary, Path modules) {
    }

    private final Process process;
    private final Path dir;
    private final Ports ports;

    private Gateway(Process process, Path dir, Ports ports) {
        this.process = process;
        this.dir = dir;
        this.ports = ports;
    }

    /** Why no gateway can run here, when it cannot; the tests then skip with this message. */
    public static Optional<String> unavailable() {
        return installation().isPresent() ? Optional.empty() : Optional.of("Apache httpd with mod_auth_openidc and "
                + "mod_ssl was not found (Debian: apt-get install apache2 libapache2-mod-auth-openidc): the gateway "
                + "tests are skipped");
    }

    static Optional<Installation> installation() {
        Optional<Path> binary = Command.find("apache2", "/usr/sbin/apache2")
                .or(() -> Command.find("httpd", "/usr/sbin/httpd"));
        String configured = System.getProperty("latchkey.gateway.modules");
        Optional<Path> modules = (configured != null ? Stream.of(configured) : MODULE_DIRS.stream()).map(Path::of)
                .filter(d -> Files.isRegularFile(d.resolve("mod_auth_openidc.so")) && Files.isRegularFile(d.resolve("mod_ssl.so")))
                .findFirst();
        return binary.isPresent() && modules.isPresent()
                ? Optional.of(new Installation(binary.get(), modules.get())) : Optional.empty();
    }

    /**
     * Writes the configuration into {@code dir} and starts httpd in the foreground; returns once every port answers.
     *
     * @param authService  auth-service's plain-http base URL, which the TLS front proxies to
     * @param backend      the base URL of the API behind the gateway
     * @param audience     the {@code aud} Latchkey's JWTs carry
     * @param clientId     the gateway's own client-credentials token, for introspection
     */
    public static Gateway start(Path dir, Ports ports, TestCa ca, String authService, String backend, String audience,
            String clientId, String clientSecret) throws IOException, InterruptedException {
        Installation apache = installation().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        Files.createDirectories(dir);
        for (String log : List.of("error.log", "access.log", "httpd.out")) {
            Files.deleteIfExists(dir.resolve(log));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("GATEWAY_DIR", dir.toString());
        variables.put("TLS_PORT", String.valueOf(ports.tls()));
        variables.put("JWT_PORT", String.valueOf(ports.jwt()));
        variables.put("INTROSPECTION_PORT", String.valueOf(ports.introspection()));
        variables.put("AUTH_SERVICE", authService);
        variables.put("BACKEND", backend);
        variables.put("ISSUER", ports.issuer());
        variables.put("AUDIENCE", audience);
        variables.put("GATEWAY_CLIENT_ID", clientId);
        variables.put("GATEWAY_CLIENT_SECRET", clientSecret);
        variables.put("CA_BUNDLE", ca.caCertificate().toString());
        variables.put("SERVER_CERT", ca.serverCertificate().toString());
        variables.put("SERVER_KEY", ca.serverKey().toString());
        variables.put("CRYPTO_PASSPHRASE", randomSecret());

        Path gatewayConf = dir.resolve("latchkey-gateway.conf");
        try (InputStream in = Gateway.class.getResourceAsStream("/gateway/latchkey-gateway.conf")) {
            Files.write(gatewayConf, in.readAllBytes());
        }
        StringBuilder conf = new StringBuilder("# Written by Gateway.java for this test run\n")
                .append("ServerRoot \"").append(dir).append("\"\n")
                .append("PidFile \"").append(dir.resolve("httpd.pid")).append("\"\n")
                .append("DefaultRuntimeDir \"").append(dir).append("\"\n");
        MODULES.forEach((module, file) -> {
            if (Files.isRegularFile(apache.modules().resolve(file))) {
                conf.append("LoadModule ").append(module).append(' ').append(apache.modules().resolve(file)).append('\n');
            }
        });
        if ("root".equals(System.getProperty("user.name"))) {
            // httpd refuses to serve as root: its workers become nobody (the parent keeps the ports and files open).
            conf.append("User nobody\nGroup ").append(groupOf("nobody")).append('\n');
        }
        variables.forEach((name, value) -> conf.append("Define ").append(name).append(" \"").append(value).append("\"\n"));
        conf.append("Include \"").append(gatewayConf).append("\"\n");
        Path httpdConf = dir.resolve("httpd.conf");
        Files.writeString(httpdConf, conf);

        Process process = new ProcessBuilder(apache.binary().toString(), "-f", httpdConf.toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("httpd.out").toFile()).start();
        Gateway gateway = new Gateway(process, dir, ports);
        try {
            gateway.awaitListening(Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : new int[] {ports.tls(), ports.jwt(), ports.introspection()}) {
            while (!answers(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Apache httpd did not start (" + (process.isAlive() ? "timeout"
                            : "exit " + process.exitValue()) + "):\n" + log("httpd.out") + log("error.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static String groupOf(String user) throws IOException, InterruptedException {
        Command id = Command.run(List.of("id", "-gn", user), null, 10);
        return id.exit() == 0 ? id.out().trim() : "nogroup";
    }

    /** The API with JWTs verified locally against the JWKS. */
    public String jwtUrl(String path) {
        return "http://127.0.0.1:" + ports.jwt() + path;
    }

    /** The API with every token checked by introspection. */
    public String introspectionUrl(String path) {
        return "http://127.0.0.1:" + ports.introspection() + path;
    }

    /** A log file of the gateway ({@code error.log}, {@code access.log}, {@code httpd.out}), or "" when absent. */
    public String log(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Map<String, String> modules() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("mpm_event_module", "mod_mpm_event.so");
        modules.put("unixd_module", "mod_unixd.so");
        modules.put("log_config_module", "mod_log_config.so");
        modules.put("authn_core_module", "mod_authn_core.so");
        modules.put("authz_core_module", "mod_authz_core.so");
        modules.put("authz_user_module", "mod_authz_user.so");
        modules.put("headers_module", "mod_headers.so");
        modules.put("socache_shmcb_module", "mod_socache_shmcb.so");
        modules.put("ssl_module", "mod_ssl.so");
        modules.put("proxy_module", "mod_proxy.so");
        modules.put("proxy_http_module", "mod_proxy_http.so");
        modules.put("auth_openidc_module", "mod_auth_openidc.so");
        return modules;
    }
}
