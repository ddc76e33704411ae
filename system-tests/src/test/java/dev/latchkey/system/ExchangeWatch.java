package dev.latchkey.system;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Exchanges one credential at one auth-service over and over (every 25 ms) in its own thread and keeps every answer:
 * the key measurement of the fault suite reads from it when a deleted token was last accepted.
 */
final class ExchangeWatch implements AutoCloseable {

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ExchangeWatch(OAuth auth, String clientId, String secret) {
        thread = new Thread(() -> {
            while (running) {
                answers.add(Answer.of(() -> auth.clientCredentials(clientId, secret)));
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "exchange-watch");
        thread.setDaemon(true);
        thread.start();
    }

    static ExchangeWatch start(OAuth auth, String clientId, String secret) {
        return new ExchangeWatch(auth, clientId, secret);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /**
     * How long after {@code ackNanos} the credential was still accepted, in milliseconds: the end of the last 200 after
     * it; when none came, the end of the first answer after it (the start, when that call hung: it accepted nothing,
     * and the hang is a failure of its own).
     */
    long acceptedForMillis(long ackNanos) {
        long lastOk = 0;
        long firstOther = 0;
        for (Answer answer : answers) {
            if (answer.startNanos() < ackNanos) {
                continue;
            }
            if (answer.ok()) {
                lastOk = answer.endNanos();
            } else if (firstOther == 0) {
                firstOther = answer.kind() == Answer.Kind.HANG ? answer.startNanos() : answer.endNanos();
            }
        }
        long until = lastOk != 0 ? lastOk : firstOther;
        return until == 0 ? 0 : Math.max(0, (until - ackNanos) / 1_000_000);
    }

    long count(Answer.Kind kind) {
        return answers.stream().filter(a -> a.kind() == kind).count();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
