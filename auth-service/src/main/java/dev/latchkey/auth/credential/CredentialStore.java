package dev.latchkey.auth.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.common.neighbour.SingleFlight;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Credentials auth-service has checked, in memory, so an exchange makes no network call in steady state (ADR 0010).
 * An entry is found by the HMAC of the presented secret (auth-service holds the pepper too), so only the very
 * secret that token-service accepted can use it. token-service's change feed removes a token's entries when the
 * token changes, rolls, expires or is deleted; while that feed is not fresh, every check goes to token-service.
 */
@Singleton
public class CredentialStore {

    private static final Logger LOG = Logger.getLogger(CredentialStore.class);

    /** A credential token-service accepted, until when it may be used without asking again, and its grace end. */
    record Entry(TokenState state, Instant usableUntil, Instant acceptedUntil) {
    }

    private final TokenServiceClient tokenService;
    private final SecretHasher hasher;
    private final Cache<String, Entry> entries;
    /** Cursor of the last change to each token, to refuse caching an answer that a newer change made stale. */
    private final Cache<UUID, Long> changedAt;
    /** Checks under way, so that concurrent requests with one credential make one call. */
    private final SingleFlight<String, Checked> checks = new SingleFlight<>();
    private volatile LongSupplier feedCursor = () -> -1;
    private volatile Supplier<Boolean> feedFresh = () -> false;
    private volatile long everythingChangedAt = -1;

    public CredentialStore(@RestClient TokenServiceClient tokenService, SecretHasher hasher, MeterRegistry registry,
            CredentialsConfig config) {
        long size = config.cacheSize();
        Duration ttl = config.cacheTtl();
        this.tokenService = tokenService;
        this.hasher = hasher;
        this.entries = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).recordStats().build();
        this.changedAt = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl.multipliedBy(2)).build();
        CaffeineCacheMetrics.monitor(registry, entries, "credentials");
    }

    /** Wires the token feed: its cursor (for the fill race) and whether it is fresh (else memory is not trusted). */
    public void followedBy(LongSupplier cursor, Supplier<Boolean> fresh) {
        this.feedCursor = cursor;
        this.feedFresh = fresh;
    }

    public Uni<CredentialVerdict> client(String clientId, String secret) {
        if (!SecretFormat.isClientId(clientId) || !SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, secret)) {
            return Uni.createFrom().item(CredentialVerdict.refused("MALFORMED"));
        }
        String key = "cs:" + clientId + ":" + HexFormat.of().formatHex(hasher.hash(secret));
        return lookup(key, () -> tokenService.checkClient(new ClientCredentialCheck(clientId, secret)));
    }

    public Uni<CredentialVerdict> accessKey(String accessKey) {
        if (!SecretFormat.isWellFormed(SecretKind.ACCESS_KEY, accessKey)) {
            return Uni.createFrom().item(CredentialVerdict.refused("MALFORMED"));
        }
        String key = "ak:" + HexFormat.of().formatHex(hasher.hash(accessKey));
        return lookup(key, () -> tokenService.checkAccessKey(new TokenServiceClient.AccessKeyCheck(accessKey)));
    }

    /** A token known by id (a refresh token's): its state while it may be used. */
    public Uni<CredentialVerdict> byTokenId(UUID tokenId) {
        return lookup("id:" + tokenId, () -> tokenService.state(tokenId));
    }

    /** The token changed at {@code cursor}: forget it, and remember that answers older than that are stale. */
    public void changed(UUID tokenId, long cursor) {
        changedAt.put(tokenId, cursor);
        entries.asMap().values().removeIf(e -> e.state().tokenId().equals(tokenId));
    }

    /** Settings changed at {@code cursor} (JWT lifetime, refresh tokens, M2M on or off): forget everything. */
    public void forgetAll(long cursor) {
        everythingChangedAt = cursor;
        entries.invalidateAll();
    }

    private Uni<CredentialVerdict> lookup(String key, Supplier<Uni<CredentialVerdict>> ask) {
        Instant now = Instant.now();
        if (!feedFresh.get()) {
            // memory is not trusted: every check asks token-service, on its own
            return ask.get();
        }
        Entry cached = entries.getIfPresent(key);
        if (cached != null && now.isBefore(cached.usableUntil())) {
            return Uni.createFrom().item(new CredentialVerdict(true, null, cached.state(), cached.acceptedUntil(), null));
        }
        return checks.join(key, () -> {
            long asked = feedCursor.getAsLong();
            return ask.get().map(verdict -> {
                remember(key, verdict, asked, now);
                return new Checked(verdict, asked);
            });
        }).flatMap(checked -> changedSince(checked.verdict(), checked.asked())
                // the token changed while the shared check was under way: this caller may have come after the change
                ? ask.get() : Uni.createFrom().item(checked.verdict()));
    }

    /** A check's answer, and the feed's cursor when it was asked. */
    private record Checked(CredentialVerdict verdict, long asked) {
    }

    private boolean changedSince(CredentialVerdict verdict, long cursor) {
        if (!verdict.valid()) {
            return false;
        }
        Long changed = changedAt.getIfPresent(verdict.token().tokenId());
        return (changed != null && changed > cursor) || everythingChangedAt > cursor;
    }

    private void remember(String key, CredentialVerdict verdict, long asked, Instant now) {
        if (!verdict.valid()) {
            return;
        }
        if (changedSince(verdict, asked)) {
            LOG.debugf("Not caching token %s: it changed while it was being checked", verdict.token().tokenId());
            return;
        }
        TokenState state = verdict.token();
        Instant until = now.plus(Duration.ofDays(3650));
        if (state.expiresAt() != null && state.expiresAt().isBefore(until)) {
            until = state.expiresAt();
        }
        if (verdict.acceptedUntil() != null && verdict.acceptedUntil().isBefore(until)) {
            until = verdict.acceptedUntil();
        }
        entries.put(key, new Entry(state, until, verdict.acceptedUntil()));
    }
}
