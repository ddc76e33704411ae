package dev.latchkey.common.neighbour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Concurrent asks of one key share one call; a call that ended is forgotten, answer or failure. */
class SingleFlightTest {

    /** Joins for the keys given while every call is still under way, then the calls end: one call per distinct key. */
    @Property(tries = 300)
    void oneCallPerKeyUnderWay(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> keys) {
        SingleFlight<Integer, String> flights = new SingleFlight<>();
        Map<Integer, CompletableFuture<String>> calls = new HashMap<>();
        AtomicInteger asked = new AtomicInteger();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int key : keys) {
            answers.add(flights.join(key, () -> {
                asked.incrementAndGet();
                CompletableFuture<String> call = new CompletableFuture<>();
                calls.put(key, call);
                return Uni.createFrom().completionStage(call);
            }).subscribeAsCompletionStage());
        }
        assertEquals(keys.stream().distinct().count(), asked.get());
        calls.forEach((key, call) -> call.complete("answer " + key));
        for (int i = 0; i < keys.size(); i++) {
            assertEquals("answer " + keys.get(i), answers.get(i).join());
        }
        assertEquals(0, flights.inFlight());
    }

    @Test
    void aFailureIsSharedAndThenForgotten() {
        SingleFlight<String, String> flights = new SingleFlight<>();
        CompletableFuture<String> call = new CompletableFuture<>();
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<String> first = flights.join("k", () -> {
            asked.incrementAndGet();
            return Uni.createFrom().completionStage(call);
        }).subscribeAsCompletionStage();
        CompletableFuture<String> second = flights.join("k", () -> {
            asked.incrementAndGet();
            return Uni.createFrom().item("not asked");
        }).subscribeAsCompletionStage();
        call.completeExceptionally(new IllegalStateException("neighbour down"));
        assertThrows(Exception.class, first::join);
        assertThrows(Exception.class, second::join);
        assertEquals(1, asked.get());
        assertEquals("asked again", flights.join("k", () -> Uni.createFrom().item("asked again")).await().indefinitely());
        assertEquals(0, flights.inFlight());
    }

    /** The request that asked gets the answer where the call ends; one that joined gets it on its own context. */
    @Test
    void aJoinedRequestGoesOnInItsOwnContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // a thread outside Vert.x keeps the context it created: one thread per context
            Context asker = CompletableFuture.supplyAsync(vertx::getOrCreateContext, r -> new Thread(r).start()).get();
            Context joiner = CompletableFuture.supplyAsync(vertx::getOrCreateContext, r -> new Thread(r).start()).get();
            assertNotSame(asker, joiner);
            SingleFlight<String, String> flights = new SingleFlight<>();
            CompletableFuture<String> call = new CompletableFuture<>();
            CompletableFuture<Context> askerGotIt = new CompletableFuture<>();
            CompletableFuture<Context> joinerGotIt = new CompletableFuture<>();
            CountDownLatch joined = new CountDownLatch(2);
            asker.runOnContext(v -> {
                flights.join("k", () -> Uni.createFrom().completionStage(call))
                        .subscribe().with(answer -> askerGotIt.complete(Vertx.currentContext()));
                joined.countDown();
            });
            while (flights.inFlight() == 0) {
                Thread.onSpinWait();
            }
            joiner.runOnContext(v -> {
                flights.join("k", () -> Uni.createFrom().item("not asked"))
                        .subscribe().with(answer -> joinerGotIt.complete(Vertx.currentContext()));
                joined.countDown();
            });
            joined.await(5, TimeUnit.SECONDS);
            asker.runOnContext(v -> call.complete("answer"));
            assertSame(asker, askerGotIt.get(5, TimeUnit.SECONDS));
            assertSame(joiner, joinerGotIt.get(5, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
