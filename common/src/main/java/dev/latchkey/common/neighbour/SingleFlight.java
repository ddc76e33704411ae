package dev.latchkey.common.neighbour;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent asks for one key share one call to a neighbour: the first caller asks, the others get its answer (or
 * its failure). A burst of requests for a credential or rights not yet in memory, such as the first second of load
 * after a start, makes one call instead of one per request; 24–32 at once were enough to push a JIT-cold
 * token-service past its read timeout (ADR 0010). A key is forgotten as soon as its call ends, so nothing is
 * remembered here: what may be cached, and whether an answer is still good for a caller that joined late, is the
 * caller's rule.
 *
 * <p>The answer arrives on the context of the request that asked. A request that joined is handed it back on its own
 * Vert.x context, so what it does next (a Hibernate Reactive session, the request's own state) stays its own.
 */
public final class SingleFlight<K, V> {

    private final ConcurrentHashMap<K, Uni<V>> inFlight = new ConcurrentHashMap<>();

    /** The answer of the call in flight for {@code key}, or of a new one made with {@code ask}. */
    public Uni<V> join(K key, Supplier<Uni<V>> ask) {
        return Uni.createFrom().deferred(() -> {
            @SuppressWarnings("unchecked")
            Uni<V>[] mine = new Uni[1];
            Uni<V> call = inFlight.computeIfAbsent(key, k -> mine[0] = ask.get()
                    .onTermination().invoke(() -> inFlight.remove(k, mine[0]))
                    .memoize().indefinitely());
            Context own = Vertx.currentContext();
            if (mine[0] != null || own == null) {
                return call;
            }
            return call.emitOn(task -> own.runOnContext(ignored -> task.run()));
        });
    }

    /** Calls in flight now (for tests). */
    public int inFlight() {
        return inFlight.size();
    }
}
