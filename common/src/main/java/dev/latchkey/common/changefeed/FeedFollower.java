package dev.latchkey.common.changefeed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Follows one service's change feed with long polls (ADR 0006): the one follower every Latchkey service uses. It
 * starts from a cursor its owner gives (the head, a stored cursor, or 0 to replay), applies each page before asking
 * for the next, and says whether what it keeps may be trusted ({@link #fresh()}, ADR 0016).
 *
 * <p>Trust is counted from when a poll was <em>sent</em>, not from when its answer came: every change acknowledged
 * before the poll was sent is in that answer (the feed reads the outbox after the request arrives, and outbox rows
 * become visible in cursor order), so a change this follower has not applied was acknowledged less than
 * {@code staleAfter} ago. A healthy feed answers at least every {@code heartbeat} (the long poll's wait), which keeps
 * trust alive without a pause; a failed poll ends trust at once, and a poll that hangs ends it when
 * {@code staleAfter} has passed since the last good one was sent. So whatever fails (the publisher, its database, the
 * network), a change is either applied or no longer trusted against within {@code staleAfter} of its acknowledgement.
 */
public final class FeedFollower {

    /** Where to start: the feed's head (a replica that holds nothing needs no history), or a cursor. */
    public static final long FROM_HEAD = -1;

    /** How many changes one poll asks for. */
    public static final int PAGE_SIZE = 500;

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    private static final long NEVER = Long.MIN_VALUE;
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long LAST_RETRY_MILLIS = 1000;

    private final String name;
    private final BiFunction<Long, Duration, Uni<ChangePage>> poll;
    private final Function<ChangePage, Uni<Void>> apply;
    private final Supplier<Uni<Long>> start;
    private final Vertx vertx;
    private final Duration heartbeat;
    private final long staleAfterNanos;
    private final Duration pollTimeout;
    private final LongSupplier clock;
    private volatile long cursor = -1;
    private volatile long head;
    /** When the last poll that was answered had been sent ({@link #clock} nanos); {@link #NEVER} after a failure. */
    private volatile long trustedFrom = NEVER;
    private volatile boolean running;
    private volatile boolean failing;
    private volatile boolean caughtUp;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>> nextAnswer =
            new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CompletableFuture<>());

    /**
     * @param poll       asks the feed for changes after a cursor, waiting up to the given time for one
     * @param apply      applies one page; the cursor moves past it only when this succeeds
     * @param start      the cursor to start after, or {@link #FROM_HEAD}
     * @param heartbeat  how long a poll waits for a change: a healthy feed answers at least this often
     * @param staleAfter how long after sending the last answered poll what it said may still be trusted
     */
    public FeedFollower(String name, BiFunction<Long, Duration, Uni<ChangePage>> poll,
            Function<ChangePage, Uni<Void>> apply, Supplier<Uni<Long>> start, Vertx vertx, Duration heartbeat,
            Duration staleAfter) {
        this(name, poll, apply, start, vertx, heartbeat, staleAfter, System::nanoTime);
    }

    FeedFollower(String name, BiFunction<Long, Duration, Uni<ChangePage>> poll, Function<ChangePage, Uni<Void>> apply,
            Supplier<Uni<Long>> start, Vertx vertx, Duration heartbeat, Duration staleAfter, LongSupplier clock) {
        this.name = name;
        this.poll = poll;
        this.apply = apply;
        this.start = start;
        this.vertx = vertx;
        this.heartbeat = heartbeat;
        this.staleAfterNanos = staleAfter.toNanos();
        // A poll that has not answered by the time its trust would have run out is given up, so that the next one can
        // reach another replica behind the same address.
        this.pollTimeout = heartbeat.plus(staleAfter);
        this.clock = clock;
    }

    /** A follower from the head that hands each change to {@code handler}; a change it cannot apply is logged and skipped. */
    public static FeedFollower fromHead(String name, BiFunction<Long, Duration, Uni<ChangePage>> poll,
            java.util.function.Consumer<Change> handler, Vertx vertx, Duration heartbeat, Duration staleAfter) {
        return new FeedFollower(name, poll, page -> {
            for (Change change : page.changes()) {
                try {
                    handler.accept(change);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Could not apply %s change %d (%s); skipped", name, change.cursor(), change.type());
                }
            }
            return Uni.createFrom().voidItem();
        }, () -> Uni.createFrom().item(FROM_HEAD), vertx, heartbeat, staleAfter);
    }

    public void start() {
        running = true;
        next();
    }

    public void stop() {
        running = false;
    }

    /** The last change applied; -1 before the first contact. */
    public long cursor() {
        return cursor;
    }

    /** How many changes the feed holds that this replica has not applied yet. */
    public long lag() {
        return cursor < 0 ? 0 : Math.max(0, head - cursor);
    }

    /** Read to the feed's head at least once since the start (a replay from the start has finished). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Every change acknowledged more than {@code staleAfter} ago has been applied: the last poll succeeded, it was sent
     * less than {@code staleAfter} ago, and it left nothing unread.
     */
    public boolean fresh() {
        long from = trustedFrom;
        return from != NEVER && cursor >= 0 && head <= cursor && clock.getAsLong() - from < staleAfterNanos;
    }

    /** Completes when the feed next answers a poll (whatever it says); one future shared by every waiter. */
    public java.util.concurrent.CompletableFuture<Void> nextAnswer() {
        return nextAnswer.get();
    }

    private void next() {
        if (!running) {
            return;
        }
        long sentAt = clock.getAsLong();
        Uni<ChangePage> call = cursor >= 0 ? poll.apply(cursor, heartbeat)
                : start.get().flatMap(from -> from == FROM_HEAD ? poll.apply(0L, Duration.ZERO).map(ChangePage::headOnly)
                        : poll.apply(from, Duration.ZERO));
        call.ifNoItem().after(pollTimeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + pollTimeout.toMillis() + " ms"))
                .call(page -> page.changes().isEmpty() ? Uni.createFrom().voidItem() : apply.apply(page))
                .subscribe().with(page -> answered(page, sentAt), this::failed);
    }

    private void answered(ChangePage page, long sentAt) {
        head = page.head();
        if (cursor < 0) {
            LOG.infof("Following the %s change feed from cursor %d", name, page.cursor());
        }
        cursor = Math.max(cursor, page.cursor());
        trustedFrom = sentAt;
        if (head <= cursor) {
            caughtUp = true;
        }
        nextAnswer.getAndSet(new java.util.concurrent.CompletableFuture<>()).complete(null);
        if (failing) {
            LOG.infof("The %s change feed answers again", name);
            failing = false;
        }
        retryMillis = FIRST_RETRY_MILLIS;
        // Not a direct call: an answer that comes synchronously would otherwise nest one poll in the next for ever.
        vertx.runOnContext(this::next);
    }

    private void failed(Throwable failure) {
        // What the feed has not said can no longer be vouched for: trust ends now, not when silence has lasted.
        trustedFrom = NEVER;
        if (!running) {
            return;
        }
        if (!failing) {
            LOG.warnf("The %s change feed did not answer (%s); memory it feeds is not trusted until it does",
                    name, failure.getMessage());
            failing = true;
        }
        long delay = retryMillis;
        retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
        vertx.setTimer(delay, id -> next());
    }
}
