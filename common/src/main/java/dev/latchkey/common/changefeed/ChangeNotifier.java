package dev.latchkey.common.changefeed;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes long polls when a change commits: one connection LISTENs on {@value #CHANNEL}, which the outbox trigger
 * NOTIFYs at commit (never for a rolled-back transaction). It reconnects by itself; while it is down, long polls
 * still end at their timeout and read again, so nothing is lost, only later.
 */
@ApplicationScoped
public class ChangeNotifier {

    public static final String CHANNEL = "latchkey_changes";
    private static final Logger LOG = Logger.getLogger(ChangeNotifier.class);

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());
    private final PgSubscriber subscriber;

    ChangeNotifier(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 500L);
        subscriber.channel(CHANNEL).handler(payload -> wake());
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("Listening on %s", CHANNEL),
                failure -> LOG.warnf("Cannot listen on %s yet (%s); long polls fall back to their timeout",
                        CHANNEL, failure.getMessage()));
    }

    /** Completes at the next committed change. Take it before reading, so a change in between is not missed. */
    public CompletableFuture<Void> nextChange() {
        return next.get();
    }

    void wake() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }

    @PreDestroy
    void close() {
        subscriber.closeAndForget();
    }
}
