package dev.latchkey.auth.feed;

import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangePage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Follows one service's change feed with long polls (ADR 0006), from the head at start: a replica holds nothing in
 * memory yet, so it needs no history. It knows when it last heard from the feed, so the caches it keeps true can
 * stop trusting themselves when it goes quiet (bounded staleness, then refuse to serve from memory).
 */
public final class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);

    private final String name;
    private final BiFunction<Long, Integer, Uni<ChangePage>> poll;
    private final Consumer<Change> handler;
    private final Vertx vertx;
    private final int waitSeconds;
    private final Duration staleAfter;
    private volatile long cursor = -1;
    private volatile long head;
    private volatile Instant lastContact = Instant.EPOCH;
    private volatile boolean running;

    public FeedFollower(String name, BiFunction<Long, Integer, Uni<ChangePage>> poll, Consumer<Change> handler,
            Vertx vertx, int waitSeconds, Duration staleAfter) {
        this.name = name;
        this.poll = poll;
        this.handler = handler;
        this.vertx = vertx;
        this.waitSeconds = waitSeconds;
        this.staleAfter = staleAfter;
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

    /** Heard from the feed recently enough that what it has not said cannot be older than the bound. */
    public boolean fresh() {
        return cursor >= 0 && head <= cursor && Duration.between(lastContact, Instant.now()).compareTo(staleAfter) < 0;
    }

    private void next() {
        if (!running) {
            return;
        }
        Uni<ChangePage> call = cursor < 0 ? poll.apply(0L, 0) : poll.apply(cursor, waitSeconds);
        call.subscribe().with(page -> {
            lastContact = Instant.now();
            head = page.head();
            if (cursor < 0) {
                cursor = page.head();
                LOG.infof("Following the %s change feed from cursor %d", name, cursor);
            } else {
                for (Change change : page.changes()) {
                    try {
                        handler.accept(change);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Could not apply %s change %d (%s); skipped", name, change.cursor(), change.type());
                    }
                    cursor = change.cursor();
                }
                cursor = Math.max(cursor, page.cursor());
            }
            next();
        }, failure -> {
            if (running) {
                LOG.warnf("The %s change feed did not answer (%s); retrying", name, failure.getMessage());
                vertx.setTimer(500, id -> next());
            }
        });
    }
}
