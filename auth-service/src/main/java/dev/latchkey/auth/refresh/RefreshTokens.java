package dev.latchkey.auth.refresh;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rotating refresh tokens (ADR 0010): each use returns a new one and spends the old; a spent one presented again
 * ends its whole family; at most {@value #LIVE_PER_TOKEN} live ones per API token, the oldest dropped first.
 */
@ApplicationScoped
public class RefreshTokens {

    public static final int LIVE_PER_TOKEN = 100;
    private static final Logger LOG = Logger.getLogger(RefreshTokens.class);

    /** A redeemed refresh token: the API token it belongs to, its family, the scope it carries. */
    public record Redeemed(UUID tokenId, UUID familyId, String scope) {
    }

    /** Why a refresh token was refused. */
    public enum Refusal {
        MALFORMED, UNKNOWN, REUSED, EXPIRED
    }

    /** Either a redeemed token or a refusal. */
    public record Outcome(Redeemed redeemed, Refusal refusal) {
    }

    private final Pool pool;
    private final SecretHasher hasher;
    private final Duration lifetime;

    public RefreshTokens(Pool pool, SecretHasher hasher, AuthConfig config) {
        this.pool = pool;
        this.hasher = hasher;
        this.lifetime = config.refreshTokenLifetime();
    }

    /** A new refresh token for the API token, in {@code familyId} (a new family when null). Shown once. */
    public Uni<String> issue(UUID tokenId, UUID familyId, String scope) {
        String secret = SecretFormat.generate(SecretKind.REFRESH_TOKEN);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Tuple row = Tuple.tuple().addUUID(UUID.randomUUID()).addValue(bytes(hasher.hash(secret))).addUUID(tokenId)
                .addUUID(familyId == null ? UUID.randomUUID() : familyId).addString(scope)
                .addOffsetDateTime(now).addOffsetDateTime(now.plus(lifetime));
        return pool.withTransaction(c -> c.preparedQuery("""
                                INSERT INTO refresh_token (id, hash, token_id, family_id, scope, created_at, expires_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7)""").execute(row)
                        .chain(() -> c.preparedQuery("""
                                DELETE FROM refresh_token WHERE id IN (
                                    SELECT id FROM refresh_token WHERE token_id = $1 AND used_at IS NULL
                                    ORDER BY created_at DESC, id DESC OFFSET $2)""")
                                .execute(Tuple.of(tokenId, LIVE_PER_TOKEN))))
                .replaceWith(secret);
    }

    /** Spends a refresh token. A spent one presented again ends its family. */
    public Uni<Outcome> redeem(String secret) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().item(new Outcome(null, Refusal.MALFORMED));
        }
        byte[] hash = hasher.hash(secret);
        return pool.withTransaction(c -> c.preparedQuery(
                        "SELECT token_id, family_id, scope, expires_at, used_at FROM refresh_token WHERE hash = $1 FOR UPDATE")
                .execute(Tuple.of(bytes(hash)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Outcome(null, Refusal.UNKNOWN));
                    }
                    Row r = rows.iterator().next();
                    UUID family = r.getUUID("family_id");
                    if (r.getOffsetDateTime("used_at") != null) {
                        LOG.infof("A spent refresh token of API token %s was presented again: its family ends", r.getUUID("token_id"));
                        return c.preparedQuery("DELETE FROM refresh_token WHERE family_id = $1").execute(Tuple.of(family))
                                .replaceWith(new Outcome(null, Refusal.REUSED));
                    }
                    if (!r.getOffsetDateTime("expires_at").toInstant().isAfter(Instant.now())) {
                        return Uni.createFrom().item(new Outcome(null, Refusal.EXPIRED));
                    }
                    return c.preparedQuery("UPDATE refresh_token SET used_at = now() WHERE hash = $1").execute(Tuple.of(bytes(hash)))
                            .replaceWith(new Outcome(new Redeemed(r.getUUID("token_id"), family, r.getString("scope")), null));
                }));
    }

    /** Whether the refresh token is live (for introspection): known, unspent, unexpired. */
    public Uni<Redeemed> peek(String secret) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                        SELECT token_id, family_id, scope FROM refresh_token
                        WHERE hash = $1 AND used_at IS NULL AND expires_at > now()""")
                .execute(Tuple.of(bytes(hasher.hash(secret))))
                .map(rows -> rows.size() == 0 ? null : toRedeemed(rows));
    }

    /** Ends the family of a refresh token (RFC 7009 revocation). */
    public Uni<Boolean> revoke(String secret) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("DELETE FROM refresh_token WHERE family_id IN (SELECT family_id FROM refresh_token WHERE hash = $1)")
                .execute(Tuple.of(bytes(hasher.hash(secret)))).map(rows -> rows.rowCount() > 0);
    }

    /** The API token is gone: so are its refresh tokens. */
    public Uni<Void> tokenGone(UUID tokenId) {
        return pool.preparedQuery("DELETE FROM refresh_token WHERE token_id = $1").execute(Tuple.of(tokenId)).replaceWithVoid();
    }

    /** Live refresh tokens of an API token (for tests and operators). */
    public Uni<Integer> liveCount(UUID tokenId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM refresh_token WHERE token_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(tokenId)).map(rows -> rows.iterator().next().getInteger("n"));
    }

    /** bytea parameters travel as Vert.x buffers. */
    private static Buffer bytes(byte[] value) {
        return Buffer.buffer(value);
    }

    private static Redeemed toRedeemed(RowSet<Row> rows) {
        Row r = rows.iterator().next();
        return new Redeemed(r.getUUID("token_id"), r.getUUID("family_id"), r.getString("scope"));
    }
}
