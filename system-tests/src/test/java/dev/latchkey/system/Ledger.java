package dev.latchkey.system;

import dev.latchkey.sdk.token.api.TokensApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the services acknowledged during the fault suite, and what must therefore be true at the end (issue 14):
 * a token whose create got a 2xx exists and its latest secret exchanges, unless a later delete was acknowledged; a
 * token whose delete got a 204 is gone and refused, and was never exchanged more than {@link FaultSettings#RULE_4}
 * after the 204; a secret rolled away is refused. A write without a clear answer (503, a hang, no answer) leaves what
 * it touched unknown, and the ledger claims nothing about it. It also counts every answer by operation and kind.
 */
final class Ledger {

    /** One tenant token as its creator knows it. */
    static final class Entry {
        final UUID tenant;
        final UUID id;
        final String clientId;
        /** The secret of the last acknowledged create or roll. */
        volatile String secret;
        /** When its delete was acknowledged (System.nanoTime), or 0. */
        volatile long deletedAt;
        /** A roll got no clear answer: which secret is current is not known. */
        volatile boolean secretUnknown;
        /** A delete got no clear answer: whether it still exists is not known. */
        volatile boolean existenceUnknown;

        Entry(UUID tenant, UUID id, String clientId, String secret) {
            this.tenant = tenant;
            this.id = id;
            this.clientId = clientId;
            this.secret = secret;
        }
    }

    /** A secret that must stop working: rolled away or its token deleted, acknowledged at {@code ackNanos}. */
    record Dead(Entry entry, String secret, long ackNanos, String how) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final List<Dead> dead = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    /** The same violations grouped by what broke (e.g. {@code "create SERVER_ERROR 500"}), with a first example. */
    private final Map<String, AtomicLong> violationKinds = new ConcurrentHashMap<>();
    private final Map<String, String> violationExamples = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong lateAcceptances = new AtomicLong();

    Entry created(UUID tenant, UUID id, String clientId, String secret) {
        Entry entry = new Entry(tenant, id, clientId, secret);
        entries.put(id, entry);
        return entry;
    }

    Dead rolled(Entry entry, String newSecret, long ackNanos) {
        Dead old = new Dead(entry, entry.secret, ackNanos, "rolled");
        entry.secret = newSecret;
        dead.add(old);
        return old;
    }

    Dead deleted(Entry entry, long ackNanos) {
        entry.deletedAt = ackNanos;
        Dead gone = new Dead(entry, entry.secret, ackNanos, "deleted");
        dead.add(gone);
        return gone;
    }

    /** Counts one answer under {@code operation} (e.g. {@code "create"}) and its kind. */
    void count(String operation, Answer answer) {
        counts.computeIfAbsent(operation + " " + answer.kind(), k -> new AtomicLong()).incrementAndGet();
        if (answer.kind() == Answer.Kind.SERVER_ERROR) {
            counts.computeIfAbsent("any " + answer.status(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * An exchange of a secret that was rolled away or whose token was deleted: accepted more than a second after the
     * acknowledgement breaks rule 4.
     */
    void exchangedDead(Dead secret, Answer answer) {
        if (answer.ok() && answer.startNanos() - secret.ackNanos() > FaultSettings.RULE_4.toNanos()) {
            lateAcceptances.incrementAndGet();
            violation("rule 4: dead secret accepted", "rule 4: the " + secret.how() + " secret of " + secret.entry().clientId + " was exchanged "
                    + (answer.endNanos() - secret.ackNanos()) / 1_000_000 + " ms after the acknowledgement");
        }
    }

    /** A broken rule: {@code kind} groups the like ones in reports, {@code message} says what exactly happened. */
    void violation(String kind, String message) {
        violations.add(message);
        violationKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        violationExamples.putIfAbsent(kind, message);
    }

    /** One line per kind of violation: how many, and the first one. */
    List<String> violationSummary() {
        return new TreeMap<>(violationKinds).entrySet().stream()
                .map(e -> e.getValue().get() + " x " + e.getKey() + ", e.g. " + violationExamples.get(e.getKey())).toList();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int violationCount() {
        return violations.size();
    }

    long lateAcceptances() {
        return lateAcceptances.get();
    }

    List<Dead> dead() {
        return List.copyOf(dead);
    }

    /** The counts so far, sorted, e.g. {@code "exchange UNAVAILABLE" -> 12}. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((key, value) -> snapshot.put(key, value.get()));
        return snapshot;
    }

    /** {@code later} minus {@code earlier}, keys with no change left out. */
    static Map<String, Long> since(Map<String, Long> earlier, Map<String, Long> later) {
        Map<String, Long> delta = new TreeMap<>();
        later.forEach((key, value) -> {
            long d = value - earlier.getOrDefault(key, 0L);
            if (d != 0) {
                delta.put(key, d);
            }
        });
        return delta;
    }

    static long sum(Map<String, Long> counts, String kindSuffix) {
        return counts.entrySet().stream().filter(e -> e.getKey().endsWith(" " + kindSuffix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    int acknowledgedCreates() {
        return entries.size();
    }

    long acknowledgedDeletes() {
        return entries.values().stream().filter(e -> e.deletedAt != 0).count();
    }

    long acknowledgedRolls() {
        return dead.stream().filter(d -> d.how().equals("rolled")).count();
    }

    /**
     * Checks the end state against every acknowledged write, once the faults are over. Each check retries while the
     * answer is "not now" (a service still catching up), for at most {@code patience}.
     *
     * @return what does not hold, empty when everything does
     */
    List<String> verify(TokensApi tokens, OAuth auth, Duration patience) throws InterruptedException {
        List<String> lost = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.deletedAt != 0) {
                Answer read = settled(() -> tokens.getTenantToken(entry.tenant, entry.id), patience);
                if (!read.refusedWith(404)) {
                    lost.add("deleted token " + entry.id + " still readable: " + read);
                }
                if (!entry.secretUnknown) {
                    Answer exchange = settled(() -> auth.clientCredentials(entry.clientId, entry.secret), patience);
                    if (!exchange.refusedWith(401)) {
                        lost.add("deleted token " + entry.clientId + " not refused: " + exchange);
                    }
                }
            } else if (!entry.existenceUnknown) {
                Answer read = settled(() -> tokens.getTenantToken(entry.tenant, entry.id), patience);
                if (!read.ok()) {
                    lost.add("acknowledged token " + entry.id + " lost: " + read);
                }
                if (!entry.secretUnknown) {
                    Answer exchange = settled(() -> auth.clientCredentials(entry.clientId, entry.secret), patience);
                    if (!exchange.ok()) {
                        lost.add("acknowledged secret of " + entry.clientId + " does not exchange: " + exchange);
                    }
                }
            }
        }
        for (Dead secret : dead) {
            if (secret.how().equals("rolled") && !secret.entry().existenceUnknown) {
                Answer exchange = settled(() -> auth.clientCredentials(secret.entry().clientId, secret.secret()), patience);
                if (!exchange.refusedWith(401)) {
                    lost.add("rolled-away secret of " + secret.entry().clientId + " not refused: " + exchange);
                }
            }
        }
        return lost;
    }

    private static Answer settled(Answer.Call call, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Answer answer = Answer.of(call);
        while ((answer.kind() == Answer.Kind.UNAVAILABLE || answer.kind() == Answer.Kind.NO_ANSWER)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = Answer.of(call);
        }
        return answer;
    }
}
