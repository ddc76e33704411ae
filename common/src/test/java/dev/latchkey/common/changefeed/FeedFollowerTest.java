package dev.latchkey.common.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The trust rule of {@link FeedFollower} (ADR 0016), checked against what it promises rather than how it works: while
 * it says {@code fresh()}, every change acknowledged more than the stale bound ago has been applied. A simulated
 * publisher answers, fails and hangs at random; a watcher samples the follower all the while.
 */
class FeedFollowerTest {

    static final Vertx VERTX = Vertx.vertx();
    static final Duration HEARTBEAT = Duration.ofMillis(30);
    static final Duration STALE_AFTER = Duration.ofMillis(150);

    @AfterAll
    static void close() {
        VERTX.closeAndAwait();
    }

    /** A feed in memory: each change is committed at a moment, and a poll reads what was committed when it reads. */
    static final class Publisher {
        final List<Long> committedAt = new ArrayList<>();

        synchronized long commit() {
            committedAt.add(System.nanoTime());
            return committedAt.size();
        }

        synchronized ChangePage read(long after) {
            List<Change> changes = new ArrayList<>();
            for (long cursor = after + 1; cursor <= committedAt.size() && changes.size() < FeedFollower.PAGE_SIZE; cursor++) {
                changes.add(new Change(cursor, "token.deleted", null, Map.of(), java.time.Instant.now()));
            }
            long cursor = changes.isEmpty() ? after : changes.get(changes.size() - 1).cursor();
            return new ChangePage(changes, cursor, committedAt.size());
        }

        /** The newest change committed before {@code nanos}. */
        synchronized long newestBefore(long nanos) {
            long newest = 0;
            for (int i = 0; i < committedAt.size(); i++) {
                if (committedAt.get(i) < nanos) {
                    newest = i + 1;
                }
            }
            return newest;
        }
    }

    static FeedFollower follower(java.util.function.BiFunction<Long, Duration, Uni<ChangePage>> poll, AtomicLong applied) {
        return follower(poll, applied, STALE_AFTER);
    }

    static FeedFollower follower(java.util.function.BiFunction<Long, Duration, Uni<ChangePage>> poll, AtomicLong applied,
            Duration staleAfter) {
        return new FeedFollower("test", poll, page -> {
            applied.accumulateAndGet(page.cursor(), Math::max);
            return Uni.createFrom().voidItem();
        }, () -> Uni.createFrom().item(0L), VERTX, HEARTBEAT, staleAfter);
    }

    @Test
    void whileFreshEveryChangeOlderThanTheBoundHasBeenAppliedWhateverTheFeedDoes() throws Exception {
        Publisher publisher = new Publisher();
        Random random = new Random(20261201);
        AtomicLong applied = new AtomicLong();
        AtomicInteger hung = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        FeedFollower follower = follower((after, wait) -> {
            int roll;
            long delay;
            synchronized (random) {
                roll = random.nextInt(100);
                delay = 1 + random.nextInt((int) wait.toMillis() + 1);
            }
            if (roll < 8) {
                hung.incrementAndGet();
                return Uni.createFrom().emitter(e -> { }); // a frozen publisher: no answer, no error
            }
            if (roll < 20) {
                failed.incrementAndGet();
                return Uni.createFrom().<ChangePage>failure(new IllegalStateException("connection refused"))
                        .onFailure().call(x -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delay)));
            }
            // The publisher reads when the poll arrives, or later (a long poll that waited): never before it was sent.
            // The answer then takes its time to come back, during which more changes may commit.
            long back;
            synchronized (random) {
                back = 1 + random.nextInt(40);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delay))
                    .map(x -> publisher.read(after))
                    .onItem().delayIt().by(Duration.ofMillis(back));
        }, applied);
        follower.start();
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        long samples = 0;
        long freshSamples = 0;
        try {
            while (System.nanoTime() < end) {
                if (random.nextInt(4) == 0) {
                    publisher.commit();
                }
                long now = System.nanoTime();
                if (follower.fresh()) {
                    freshSamples++;
                    long mustHave = publisher.newestBefore(now - STALE_AFTER.toNanos());
                    long has = applied.get();
                    assertTrue(has >= mustHave, "fresh, yet change " + mustHave + " acknowledged more than the bound ago"
                            + " is not applied (applied up to " + has + ")");
                }
                samples++;
                Thread.sleep(1);
            }
        } finally {
            follower.stop();
        }
        assertTrue(hung.get() > 0 && failed.get() > 0, "the simulation exercised hangs and failures");
        assertTrue(freshSamples > samples / 4, "the follower trusted its feed only " + freshSamples + " of " + samples
                + " times: a rule that never trusts is safe but useless");
    }

    @Test
    void aFailedPollEndsTrustAtOnceAndTheNextAnswerRestoresIt() throws Exception {
        Publisher publisher = new Publisher();
        AtomicReference<CompletableFuture<Boolean>> gate = new AtomicReference<>(CompletableFuture.completedFuture(true));
        AtomicLong applied = new AtomicLong();
        FeedFollower follower = follower((after, wait) -> Uni.createFrom().completionStage(gate.get())
                .flatMap(ok -> ok ? Uni.createFrom().item(publisher.read(after))
                        : Uni.createFrom().failure(new IllegalStateException("500 from the feed"))), applied);
        follower.start();
        try {
            awaitTrue(follower::fresh, "fresh once the feed answered");
            assertTrue(follower.caughtUp());
            CompletableFuture<Boolean> held = new CompletableFuture<>();
            gate.set(held);
            Thread.sleep(HEARTBEAT.toMillis()); // the follower now waits on the held poll
            held.complete(false);
            awaitTrue(() -> !follower.fresh(), "not fresh after a failure");
            gate.set(CompletableFuture.completedFuture(true));
            awaitTrue(follower::fresh, "fresh again with the next answer");
            assertTrue(follower.caughtUp(), "caught up stays true");
        } finally {
            follower.stop();
        }
    }

    @Test
    void aWaiterIsToldOfTheNextAnswerSoItNeedNotFailOnALatePoll() throws Exception {
        Publisher publisher = new Publisher();
        AtomicReference<CompletableFuture<Boolean>> gate = new AtomicReference<>(new CompletableFuture<>());
        AtomicLong applied = new AtomicLong();
        // Not about the bound: a generous one, so that a busy machine's slow first answer still counts as fresh.
        FeedFollower follower = follower((after, wait) -> Uni.createFrom().completionStage(gate.get())
                .map(ok -> publisher.read(after)), applied, Duration.ofSeconds(5));
        follower.start();
        try {
            CompletableFuture<Void> answer = follower.nextAnswer();
            assertFalse(answer.isDone());
            assertFalse(follower.fresh(), "no answer yet");
            publisher.commit();
            gate.get().complete(true);
            answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(follower.fresh(), "fresh when the waiter is told");
            assertEquals(1, applied.get(), "and what the answer said is applied by then");
        } finally {
            follower.stop();
        }
    }

    @Test
    void aHungPollEndsTrustWhenTheBoundPassesAndIsGivenUpForANewOne() throws Exception {
        Publisher publisher = new Publisher();
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<Boolean> hang = new AtomicReference<>(false);
        AtomicLong applied = new AtomicLong();
        FeedFollower follower = follower((after, wait) -> {
            polls.incrementAndGet();
            return hang.get() ? Uni.createFrom().emitter(e -> { }) : Uni.createFrom().item(publisher.read(after));
        }, applied);
        follower.start();
        try {
            awaitTrue(follower::fresh, "fresh once the feed answered");
            hang.set(true);
            long hungAt = System.nanoTime();
            awaitTrue(() -> !follower.fresh(), "not fresh once the bound passed");
            long untrustedAfter = (System.nanoTime() - hungAt) / 1_000_000;
            assertTrue(untrustedAfter <= STALE_AFTER.toMillis() + 100, "trust ended " + untrustedAfter + " ms after the hang");
            int before = polls.get();
            hang.set(false);
            awaitTrue(follower::fresh, "a new poll is sent once the hung one is given up, and trust comes back");
            assertTrue(polls.get() > before);
        } finally {
            follower.stop();
        }
    }

    @Test
    void aFeedWithMoreThanOnePageIsNotFreshUntilItsHeadIsRead() throws Exception {
        Publisher publisher = new Publisher();
        for (int i = 0; i < 3 * FeedFollower.PAGE_SIZE; i++) {
            publisher.commit();
        }
        AtomicLong applied = new AtomicLong();
        List<Boolean> freshWhileBehind = new java.util.concurrent.CopyOnWriteArrayList<>();
        FeedFollower[] self = {null};
        FeedFollower watched = new FeedFollower("test", (after, wait) -> {
            if (self[0] != null && self[0].cursor() > 0 && self[0].cursor() < publisher.committedAt.size()) {
                freshWhileBehind.add(self[0].fresh());
            }
            return Uni.createFrom().item(publisher.read(after));
        }, page -> {
            applied.accumulateAndGet(page.cursor(), Math::max);
            return Uni.createFrom().voidItem();
        }, () -> Uni.createFrom().item(0L), VERTX, HEARTBEAT, STALE_AFTER);
        self[0] = watched;
        watched.start();
        try {
            awaitTrue(watched::fresh, "fresh at the head");
            assertEquals(3L * FeedFollower.PAGE_SIZE, applied.get());
            assertFalse(freshWhileBehind.isEmpty());
            assertFalse(freshWhileBehind.contains(true), "never fresh while pages remained");
        } finally {
            watched.stop();
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(2);
        }
    }
}
