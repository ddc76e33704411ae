package dev.latchkey.common.revocation;

import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangeFeed;
import dev.latchkey.common.changefeed.ChangeFeedClient;
import dev.latchkey.common.changefeed.FeedFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps {@link Revocations} true on this replica by following the change feeds named in
 * {@code latchkey.revocation.sources} ({@code name=url}, or {@code name=local} for the service's own feed), each
 * replayed from its start so that a replica that starts late still knows every JWT voided before it. While any of
 * them is not fresh, nothing can be said of a JWT: {@link #fresh()} is false and the management APIs answer 503
 * rather than trust what may be void (ADR 0012, ADR 0016).
 */
@Singleton
public class RevocationGuard {

    private final boolean enabled;
    private final Revocations revocations;
    private final List<FeedFollower> followers = new ArrayList<>();
    private final Vertx vertx;
    private final Duration staleAfter;

    public RevocationGuard(Vertx vertx, Instance<ChangeFeed> ownFeed, RevocationConfig config) {
        this.vertx = vertx;
        this.enabled = config.enabled();
        this.revocations = new Revocations(config.maxJwtLifetime());
        this.staleAfter = config.staleAfter();
        if (!enabled) {
            return;
        }
        Duration heartbeat = config.heartbeat();
        Duration staleAfter = config.staleAfter();
        for (String source : config.sources().orElse(List.of())) {
            int eq = source.indexOf('=');
            String name = source.substring(0, eq).strip();
            String url = source.substring(eq + 1).strip();
            FeedFollower follower;
            if (url.equals("local")) {
                ChangeFeed feed = ownFeed.get();
                follower = new FeedFollower(name, (after, wait) -> feed.read(after, wait, FeedFollower.PAGE_SIZE),
                        this::apply, () -> Uni.createFrom().item(0L), vertx, heartbeat, staleAfter);
            } else {
                ChangeFeedClient client = ChangeFeedClient.of(url);
                follower = new FeedFollower(name, client::changes, this::apply, () -> Uni.createFrom().item(0L), vertx,
                        heartbeat, staleAfter);
            }
            followers.add(follower);
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            followers.forEach(FeedFollower::start);
            vertx.setPeriodic(60_000, id -> revocations.prune(Instant.now()));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        followers.forEach(FeedFollower::stop);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Every followed feed has vouched, less than the stale bound ago, for every change before it: JWTs can be judged. */
    public boolean fresh() {
        return followers.stream().allMatch(FeedFollower::fresh);
    }

    /**
     * Fresh now, or as soon as every stale feed has answered again, waiting at most the stale bound: a feed whose
     * poll came back a little late (a busy machine, a GC pause) makes a request wait for its next answer, not fail.
     * False only when a feed really is failing or silent for that long; the request is then answered 503.
     */
    public Uni<Boolean> freshSoon() {
        return freshBy(System.nanoTime() + staleAfter.toNanos());
    }

    private Uni<Boolean> freshBy(long deadline) {
        if (fresh()) {
            return Uni.createFrom().item(true);
        }
        // Whole milliseconds: Vert.x, which runs Mutiny's timers here, refuses a timer under 1 ms, and a refused
        // timer would leave the request waiting for ever.
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis < 1) {
            return Uni.createFrom().item(false);
        }
        CompletableFuture<Object> anyAnswer = CompletableFuture.anyOf(followers.stream().filter(f -> !f.fresh())
                .map(FeedFollower::nextAnswer).toArray(CompletableFuture[]::new));
        return Uni.createFrom().completionStage(anyAnswer).ifNoItem().after(Duration.ofMillis(leftMillis))
                .recoverWithItem((Object) null)
                .flatMap(answered -> freshBy(deadline));
    }

    /** Every followed feed has been read to its head at least once since the start: the replay is done. */
    public boolean caughtUp() {
        return followers.stream().allMatch(FeedFollower::caughtUp);
    }

    /** Why the JWT is void now, or empty while it stands. */
    public Optional<String> voided(Revocations.Claims claims) {
        return revocations.voided(claims, Instant.now());
    }

    /** This replica revoked the JWT with this {@code jti}: void here at once, before its feed says so. */
    public void revoked(String jti, Instant expiresAt) {
        revocations.revoke(jti, expiresAt);
    }

    private Uni<Void> apply(dev.latchkey.common.changefeed.ChangePage page) {
        for (Change change : page.changes()) {
            revocations.apply(change);
        }
        return Uni.createFrom().voidItem();
    }
}
