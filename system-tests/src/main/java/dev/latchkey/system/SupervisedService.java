package dev.latchkey.system;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One service the launcher keeps running. Once it has been ready, an exit nobody asked for starts it again (same
 * port, same environment) after a back-off that doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}, and
 * starts from the bottom again once a run stayed up {@link #STABLE_AFTER}: a service that crashes now and then comes
 * back at once, one that cannot start does not spin. The other services are not touched.
 *
 * <p>The fault tests use the same object to kill, freeze, stop and start a service.
 */
final class SupervisedService {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    final String name;
    final int port;
    private final Supplier<ServiceProcess> launch;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> log;
    private ServiceProcess current;
    private Instant startedAt;
    private Duration backoff = FIRST_BACKOFF;
    /** Restarted on exit only once it has been ready: a service that fails its first start fails the launcher. */
    private boolean supervised;
    /** Stopped on purpose ({@link #stop}, {@link #close}): its exit is not a crash. */
    private boolean held;
    private boolean closed;
    private int restarts;

    SupervisedService(String name, int port, Supplier<ServiceProcess> launch, ScheduledExecutorService scheduler,
            Consumer<String> log) {
        this.name = name;
        this.port = port;
        this.launch = launch;
        this.scheduler = scheduler;
        this.log = log;
        launch();
    }

    private synchronized void launch() {
        ServiceProcess process = launch.get();
        current = process;
        startedAt = Instant.now();
        process.onExit().thenRun(() -> exited(process));
    }

    private synchronized void exited(ServiceProcess process) {
        if (process != current || held || closed || !supervised) {
            return;
        }
        Duration up = Duration.between(startedAt, Instant.now());
        if (up.compareTo(STABLE_AFTER) >= 0) {
            backoff = FIRST_BACKOFF;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        log.accept(String.format("[launcher] %s on port %d exited with status %d after %d ms; starting it again in %d ms",
                name, port, process.exitValue(), up.toMillis(), wait.toMillis()));
        scheduler.schedule(() -> restart(process), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(ServiceProcess exited) {
        if (exited != current || held || closed) {
            return;
        }
        restarts++;
        try {
            launch();
            log.accept("[launcher] " + name + " on port " + port + " started again (restart " + restarts + ")");
        } catch (RuntimeException e) {
            log.accept("[launcher] " + name + " on port " + port + " could not be started again: " + e.getMessage());
            startedAt = Instant.now();
            scheduler.schedule(() -> exited(exited), 0, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Waits until the service answers ready. The first time, an exit before ready is an error (the launcher fails
     * instead of restarting a service that cannot start); after that, it waits through restarts.
     *
     * @return how long it waited
     */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        Instant began = Instant.now();
        ServiceProcess process;
        synchronized (this) {
            process = current;
        }
        if (!supervised) {
            process.awaitReady(timeout);
            synchronized (this) {
                supervised = true;
                if (!process.isAlive()) {
                    exited(process);
                }
            }
            return Duration.between(began, Instant.now());
        }
        Instant deadline = began.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (this) {
                process = current;
            }
            if (process.isAlive() && process.isReady()) {
                return Duration.between(began, Instant.now());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " on port " + port + " was not ready within " + timeout.toMillis() + " ms");
    }

    synchronized long pid() {
        return current.pid();
    }

    synchronized int restarts() {
        return restarts;
    }

    String managementUrl() {
        synchronized (this) {
            return current.managementUrl();
        }
    }

    /** SIGKILL, as a crash or the OOM killer would: the supervisor starts it again. */
    synchronized void kill() {
        current.kill();
    }

    /** SIGSTOP: the process holds its sockets but answers nothing, as a process stuck in a long pause would. */
    synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    synchronized void thaw() {
        signal("CONT");
    }

    /** Stops the service on purpose (SIGTERM, as a deployment would); it stays down until {@link #start}. */
    void stop() {
        ServiceProcess process;
        synchronized (this) {
            held = true;
            process = current;
        }
        process.stop();
    }

    /** Starts a service {@link #stop stopped} on purpose again. */
    synchronized void start() {
        if (held && !closed) {
            held = false;
            launch();
        }
    }

    /** Stops it for good: SIGTERM, and SIGKILL after {@code grace}. */
    void close(Duration grace) {
        ServiceProcess process;
        synchronized (this) {
            closed = true;
            process = current;
        }
        process.stop(grace);
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(current.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + current.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }
}
