package dev.latchkey.auth.refresh;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jose4j.jwt.NumericDate;

/**
 * JWTs revoked through RFC 7009, until they expire (and the hourly clean-up of both tables). Introspection reports them inactive on every replica (the table
 * is shared); gateways that verify locally cannot know, which is why JWTs are short-lived (ADR 0010).
 */
@ApplicationScoped
public class RevokedJwts {

    private final Pool pool;
    private final RefreshTokens refreshTokens;

    public RevokedJwts(Pool pool, RefreshTokens refreshTokens) {
        this.pool = pool;
        this.refreshTokens = refreshTokens;
    }

    public Uni<Void> revoke(String jti, NumericDate expiresAt) {
        OffsetDateTime until = OffsetDateTime.ofInstant(Instant.ofEpochSecond(expiresAt.getValue()), ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO revoked_jwt (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(jti, until)).replaceWithVoid();
    }

    public Uni<Boolean> isRevoked(String jti) {
        return pool.preparedQuery("SELECT 1 FROM revoked_jwt WHERE jti = $1").execute(Tuple.of(jti)).map(rows -> rows.size() > 0);
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        // Refresh families go with their newest member's expiry, spent members with them (RefreshTokens.prune).
        return pool.query("DELETE FROM revoked_jwt WHERE expires_at < now()").execute().replaceWithVoid()
                .chain(refreshTokens::prune);
    }
}
