package dev.latchkey.system;

import dev.latchkey.sdk.token.api.TokensApi;
import dev.latchkey.sdk.token.model.CreateTokenRequest;
import dev.latchkey.sdk.token.model.CreatedToken;
import dev.latchkey.sdk.token.model.RollRequest;
import dev.latchkey.sdk.token.model.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded load of real calls while faults are injected: a few threads, each creating, exchanging, rolling and
 * deleting its own tenant tokens (so no two threads race on one token) and now and then exchanging a secret that was
 * rolled away or deleted. Every answer goes to the {@link Ledger}: acknowledged writes, counts by kind, and what
 * breaks the rules — a 5xx other than a proper 503, a hang or a missing answer from a service nobody faulted, a 401
 * for a live secret (a false negative), a dead secret accepted after a second.
 */
final class Load implements AutoCloseable {

    static final UUID MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000010");
    /** Pause between two calls of one thread: keeps the load bounded on a 2-core machine. */
    private static final long PACE_MILLIS = 30;

    private final Ledger ledger;
    private final FaultLog faults;
    private final UUID tenant;
    private final TokensApi tokens;
    private final int tokenPort;
    private final OAuth auth;
    private final int authPort;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Load(Ledger ledger, FaultLog faults, UUID tenant, TokensApi tokens, int tokenPort, OAuth auth, int authPort) {
        this.ledger = ledger;
        this.faults = faults;
        this.tenant = tenant;
        this.tokens = tokens;
        this.tokenPort = tokenPort;
        this.auth = auth;
        this.authPort = authPort;
    }

    Load start(int threadCount) {
        for (int i = 0; i < threadCount; i++) {
            long seed = i;
            Thread thread = new Thread(() -> run(new Random(seed)), "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void run(Random random) {
        List<Ledger.Entry> live = new ArrayList<>();
        List<Ledger.Dead> dead = new ArrayList<>();
        while (running) {
            int dice = random.nextInt(100);
            if (live.size() < 3 || dice < 15) {
                create(live);
            } else if (dice < 55) {
                exchange(live.get(random.nextInt(live.size())), live);
            } else if (dice < 70) {
                roll(live.get(random.nextInt(live.size())), live, dead);
            } else if (dice < 85 && !dead.isEmpty()) {
                exchangeDead(dead.get(random.nextInt(dead.size())));
            } else {
                delete(live.get(random.nextInt(live.size())), live, dead);
            }
            if (dead.size() > 30) {
                dead.remove(0);
            }
            try {
                Thread.sleep(PACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void create(List<Ledger.Entry> live) {
        AtomicReference<CreatedToken> created = new AtomicReference<>();
        Answer answer = Answer.of(() -> created.set(tokens.createTenantToken(tenant,
                new CreateTokenRequest().type(TokenType.CLIENT_CREDENTIALS).description("load").roleIds(List.of(MEMBER)))));
        ledger.count("create", answer);
        if (answer.ok()) {
            CreatedToken token = created.get();
            live.add(ledger.created(tenant, token.getToken().getId(), token.getToken().getClientId(), token.getClientSecret()));
        } else {
            judge("create", answer, tokenPort);
        }
    }

    private void exchange(Ledger.Entry entry, List<Ledger.Entry> live) {
        String secret = entry.secret;
        Answer answer = Answer.of(() -> auth.clientCredentials(entry.clientId, secret));
        ledger.count("exchange", answer);
        if (answer.kind() == Answer.Kind.REFUSED) {
            ledger.violation("exchange of a live secret refused " + answer.status() + " (false negative)",
                    "a live secret of " + entry.clientId + " was refused (false negative): " + answer);
            live.remove(entry);
        } else if (!answer.ok()) {
            judge("exchange", answer, authPort);
        }
    }

    private void roll(Ledger.Entry entry, List<Ledger.Entry> live, List<Ledger.Dead> dead) {
        AtomicReference<CreatedToken> rolled = new AtomicReference<>();
        Answer answer = Answer.of(() -> rolled.set(tokens.rollTenantToken(tenant, entry.id, new RollRequest().gracePeriodMinutes(0))));
        ledger.count("roll", answer);
        if (answer.ok()) {
            dead.add(ledger.rolled(entry, rolled.get().getClientSecret(), answer.endNanos()));
        } else {
            entry.secretUnknown = true;
            live.remove(entry);
            judge("roll", answer, tokenPort);
        }
    }

    private void delete(Ledger.Entry entry, List<Ledger.Entry> live, List<Ledger.Dead> dead) {
        Answer answer = Answer.of(() -> tokens.deleteTenantToken(tenant, entry.id));
        ledger.count("delete", answer);
        live.remove(entry);
        if (answer.ok()) {
            dead.add(ledger.deleted(entry, answer.endNanos()));
        } else {
            entry.existenceUnknown = true;
            judge("delete", answer, tokenPort);
        }
    }

    private void exchangeDead(Ledger.Dead secret) {
        Answer answer = Answer.of(() -> auth.clientCredentials(secret.entry().clientId, secret.secret()));
        ledger.count("exchange-dead", answer);
        ledger.exchangedDead(secret, answer);
        if (answer.kind() != Answer.Kind.OK && !answer.refusedWith(401)) {
            judge("exchange-dead", answer, authPort);
        }
    }

    /** Anything but a 2xx or a proper 503 is a failure, unless the service called was the one faulted on purpose. */
    private void judge(String operation, Answer answer, int port) {
        switch (answer.kind()) {
            case UNAVAILABLE, OK -> {
            }
            case HANG, NO_ANSWER -> {
                if (!faults.excuses(port, answer)) {
                    ledger.violation(operation + " " + answer.kind() + " at a service nobody faulted",
                            operation + " at port " + port + " (not faulted): " + answer);
                }
            }
            default -> ledger.violation(operation + " " + answer.kind() + " " + answer.status(),
                    operation + " at port " + port + ": " + answer);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
