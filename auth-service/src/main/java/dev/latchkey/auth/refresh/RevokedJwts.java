package dev.latchkey.auth.refresh;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * JWTs revoked through RFC 7009, until they expire (and the hourly clean-up of both tables). A trigger announces each
 * on auth-service's change feed, from which every replica's introspection and the management APIs learn it (common
 * RevocationGuard); gateways that verify locally cannot know, which is why JWTs are short-lived (ADR 0010).
 */
@Singleton
public class RevokedJwts {

    private final Pool pool;
    private final RefreshTokens refreshTokens;

    public RevokedJwts(Pool pool, RefreshTokens refreshTokens) {
        this.pool = pool;
        this.refreshTokens = refreshTokens;
    }

    public Uni<Void> revoke(String jti, Instant expiresAt) {
        OffsetDateTime until = OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO revoked_jwt (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(jti, until)).replaceWithVoid();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        // Refresh families go with their newest member's expiry, spent members with them (RefreshTokens.prune).
        return pool.query("DELETE FROM revoked_jwt WHERE expires_at < now()").execute().replaceWithVoid()
                .chain(refreshTokens::prune);
    }
}
