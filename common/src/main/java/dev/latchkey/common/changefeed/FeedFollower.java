package dev.latchkey.common.changefeed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Follows one service's change feed with long polls (ADR 0006): the one follower every Latchkey service uses. It
 * starts from a cursor its owner gives (the head, a stored cursor, or 0 to replay), applies each page before asking
 * for the next, and knows when it last heard from the feed, so what it keeps true can stop trusting itself when it
 * goes quiet (bounded staleness, then refuse to serve from memory).
 */
public final class FeedFollower {

    /** Where to start: the feed's head (a replica that holds nothing needs no history), or a cursor. */
    public static final long FROM_HEAD = -1;

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);

    private final String name;
    private final BiFunction<Long, Integer, Uni<ChangePage>> poll;
    private final Function<ChangePage, Uni<Void>> apply;
    private final Supplier<Uni<Long>> start;
    private final Vertx vertx;
    private final int waitSeconds;
    private final Duration staleAfter;
    private volatile long cursor = -1;
    private volatile long head;
    private volatile Instant lastContact = Instant.EPOCH;
    private volatile boolean running;

    /**
     * @param poll  asks the feed for changes after a cursor, waiting up to the given seconds
     * @param apply applies one page; the cursor moves past it only when this succeeds
     * @param start the cursor to start after, or {@link #FROM_HEAD}
     */
    public FeedFollower(String name, BiFunction<Long, Integer, Uni<ChangePage>> poll, Function<ChangePage, Uni<Void>> apply,
            Supplier<Uni<Long>> start, Vertx vertx, int waitSeconds, Duration staleAfter) {
        this.name = name;
        this.poll = poll;
        this.apply = apply;
        this.start = start;
        this.vertx = vertx;
        this.waitSeconds = waitSeconds;
        this.staleAfter = staleAfter;
    }

    /** A follower from the head that hands each change to {@code handler}; a change it cannot apply is logged and skipped. */
    public static FeedFollower fromHead(String name, BiFunction<Long, Integer, Uni<ChangePage>> poll,
            java.util.function.Consumer<Change> handler, Vertx vertx, int waitSeconds, Duration staleAfter) {
        return new FeedFollower(name, poll, page -> {
            for (Change change : page.changes()) {
                try {
                    handler.accept(change);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Could not apply %s change %d (%s); skipped", name, change.cursor(), change.type());
                }
            }
            return Uni.createFrom().voidItem();
        }, () -> Uni.createFrom().item(FROM_HEAD), vertx, waitSeconds, staleAfter);
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

    /** Heard from the feed recently enough, and caught up, so that what it has not said cannot be older than the bound. */
    public boolean fresh() {
        return cursor >= 0 && head <= cursor && Duration.between(lastContact, Instant.now()).compareTo(staleAfter) < 0;
    }

    private void next() {
        if (!running) {
            return;
        }
        Uni<ChangePage> call = cursor >= 0 ? poll.apply(cursor, waitSeconds)
                : start.get().flatMap(from -> from == FROM_HEAD ? poll.apply(0L, 0).map(ChangePage::headOnly)
                        : poll.apply(from, 0));
        call.call(page -> page.changes().isEmpty() ? Uni.createFrom().voidItem() : apply.apply(page))
                .subscribe().with(page -> {
                    lastContact = Instant.now();
                    head = page.head();
                    if (cursor < 0) {
                        LOG.infof("Following the %s change feed from cursor %d", name, page.cursor());
                    }
                    cursor = Math.max(cursor, page.cursor());
                    next();
                }, failure -> {
                    if (running) {
                        LOG.warnf("The %s change feed did not answer (%s); retrying", name, failure.getMessage());
                        vertx.setTimer(500, id -> next());
                    }
                });
    }
}
