package dev.latchkey.auth.changefeed;

import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.refresh.RefreshTokens;
import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangeFeedClient;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.FeedFollower;
import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.neighbour.RbacServiceConfig;
import dev.latchkey.common.neighbour.TokenServiceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;

/**
 * Keeps auth-service's memory true: follows token-service's feed for the credentials it holds and rbac-service's for
 * the rights it has resolved (ADR 0010).
 */
@ApplicationScoped
public class ChangeFollowers {

    private final CredentialStore credentials;
    private final PermissionResolver rights;
    private final RefreshTokens refreshTokens;
    private final FeedFollower tokens;
    private final FeedFollower rbac;
    private final boolean enabled;

    public ChangeFollowers(CredentialStore credentials, PermissionResolver rights, RefreshTokens refreshTokens,
            TokenServiceConfig tokenService, RbacServiceConfig rbacService, Vertx vertx, MeterRegistry registry,
            FeedsConfig config) {
        Duration heartbeat = config.heartbeat();
        Duration staleAfter = config.staleAfter();
        this.credentials = credentials;
        this.rights = rights;
        this.refreshTokens = refreshTokens;
        this.enabled = config.enabled();
        this.tokens = FeedFollower.fromHead("token-service", ChangeFeedClient.of(tokenService.url())::changes,
                this::onTokenChange, vertx, heartbeat, staleAfter);
        this.rbac = FeedFollower.fromHead("rbac-service", ChangeFeedClient.of(rbacService.url())::changes,
                this::onRbacChange, vertx, heartbeat, staleAfter);
        credentials.followedBy(tokens::cursor, tokens::fresh);
        rights.followedBy(rbac::cursor, rbac::fresh);
        Gauge.builder("latchkey.feed.lag", tokens, FeedFollower::lag).tag("feed", "token-service")
                .description("Changes announced but not yet applied").register(registry);
        Gauge.builder("latchkey.feed.lag", rbac, FeedFollower::lag).tag("feed", "rbac-service")
                .description("Changes announced but not yet applied").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            tokens.start();
            rbac.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        tokens.stop();
        rbac.stop();
    }

    private void onTokenChange(Change change) {
        ChangeType type = change.kind().orElse(null);
        if (type == null) {
            return;
        }
        if (type.isToken()) {
            UUID tokenId = change.payload(Payload.Token.class).tokenId();
            credentials.changed(tokenId, change.cursor());
            if (type.endsToken()) {
                refreshTokens.tokenGone(tokenId).subscribe().with(ok -> { }, e -> { });
            }
        } else if (type == ChangeType.SETTINGS_UPDATED) {
            credentials.forgetAll(change.cursor());
        }
    }

    private void onRbacChange(Change change) {
        boolean global = change.tenantId() == null;
        rights.changed(global ? null : change.tenantId(), change.cursor());
    }
}
