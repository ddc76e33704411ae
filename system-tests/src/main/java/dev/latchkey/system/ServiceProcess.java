package dev.latchkey.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One service running from its packaged jar in a child JVM, its output relayed line by line. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    /** The management interface: /q/health and /q/metrics, never on the public port. */
    final int managementPort;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    static ServiceProcess start(Path app, String name, int port, int managementPort, Map<String, String> env,
            Path java, List<String> jvmOptions, Consumer<String> output) {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        try {
            Process process = builder.start();
            Thread relay = new Thread(() -> relay(process, output), name + "-output");
            relay.setDaemon(true);
            relay.start();
            return new ServiceProcess(name, port, managementPort, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static void relay(Process process, Consumer<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.accept(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Waits until {@code /q/health/ready} answers 200 on the management interface. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before it was ready");
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** One look at {@code /q/health/ready}: true when it answers 200 within a second. */
    boolean isReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(1)).build();
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() {
        process.destroyForcibly();
    }

    void stop() {
        stop(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    void stop(Duration grace) {
        // A frozen (SIGSTOPped) process would only act on the SIGTERM once continued.
        try {
            new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid())).start().waitFor();
        } catch (IOException e) {
            // it has exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
