package dev.latchkey.auth.refresh;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rotating refresh tokens in families (ADR 0010): each use spends the token and, in the same transaction, makes the
 * next one of its family; a spent one presented again ends the whole family; a family ends with the secret it was
 * made with; at most {@value #LIVE_PER_TOKEN} live families per API token, the oldest dropped first.
 */
@Singleton
public class RefreshTokens {

    public static final int LIVE_PER_TOKEN = 100;
    private static final Logger LOG = Logger.getLogger(RefreshTokens.class);

    /** A live refresh token: its API token, family, scope, and the secret generation its family was made with. */
    public record Live(UUID tokenId, UUID familyId, String scope, Integer secretGeneration) {

        /**
         * Whether the secret the family was made with still works: it is the current one, or the one before it within
         * its grace period. A family of unknown generation (made before generations were known) is not tied to one.
         */
        public boolean secretStillWorks(TokenState token, Instant now) {
            Integer current = token.secretGeneration();
            if (secretGeneration == null || current == null || secretGeneration.equals(current)) {
                return true;
            }
            return secretGeneration == current - 1 && token.previousSecretExpiresAt() != null
                    && now.isBefore(token.previousSecretExpiresAt());
        }
    }

    /** Why a refresh token was refused. FOREIGN: it belongs to another API token (left untouched). */
    public enum Refusal {
        MALFORMED, UNKNOWN, FOREIGN, REUSED, EXPIRED
    }

    /** A rotation's result: the next refresh token (null when none was asked for), or why it was refused. */
    public record Rotation(String next, Refusal refusal) {
        @Override
        public String toString() {
            return "Rotation[refusal=" + refusal + "]";
        }
    }

    private final Pool pool;
    private final SecretHasher hasher;
    private final Duration lifetime;

    public RefreshTokens(Pool pool, SecretHasher hasher, AuthConfig config) {
        this.pool = pool;
        this.hasher = hasher;
        this.lifetime = config.refreshTokenLifetime();
    }

    /** The first refresh token of a new family of the API token, made with secret {@code generation}. Shown once. */
    public Uni<String> issue(UUID tokenId, Integer generation, String scope) {
        String secret = SecretFormat.generate(SecretKind.REFRESH_TOKEN);
        UUID family = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Tuple familyRow = Tuple.tuple().addUUID(family).addUUID(tokenId).addInteger(generation)
                .addOffsetDateTime(now).addOffsetDateTime(now.plus(lifetime));
        return pool.withTransaction(c -> c.preparedQuery("""
                                INSERT INTO refresh_family (id, token_id, secret_generation, created_at, expires_at)
                                VALUES ($1, $2, $3, $4, $5)""").execute(familyRow)
                        .chain(() -> insert(c, secret, tokenId, family, scope, now))
                        // at most LIVE_PER_TOKEN live families: each has one live member; drop the oldest families whole
                        .chain(() -> c.preparedQuery("""
                                DELETE FROM refresh_family WHERE id IN (
                                    SELECT family_id FROM refresh_token WHERE token_id = $1 AND used_at IS NULL
                                    ORDER BY created_at DESC, id DESC OFFSET $2)""")
                                .execute(Tuple.of(tokenId, LIVE_PER_TOKEN))))
                .replaceWith(secret);
    }

    /**
     * Spends a refresh token of API token {@code tokenId} and, in the same transaction, makes the next one of its
     * family (when {@code successor}). Of two concurrent uses one waits for the other's row lock, then finds the token
     * spent and ends the family, the winner's new token with it. A spent one presented again ends its family.
     */
    public Uni<Rotation> rotate(String secret, UUID tokenId, boolean successor, String scope) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().item(new Rotation(null, Refusal.MALFORMED));
        }
        byte[] hash = hasher.hash(secret);
        return pool.withTransaction(c -> c.preparedQuery(
                        "SELECT token_id, family_id, expires_at, used_at FROM refresh_token WHERE hash = $1 FOR UPDATE")
                .execute(Tuple.of(bytes(hash)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return refused(Refusal.UNKNOWN);
                    }
                    Row r = rows.iterator().next();
                    if (!r.getUUID("token_id").equals(tokenId)) {
                        return refused(Refusal.FOREIGN);
                    }
                    UUID family = r.getUUID("family_id");
                    if (r.getOffsetDateTime("used_at") != null) {
                        LOG.infof("A spent refresh token of API token %s was presented again: its family ends", tokenId);
                        return endFamily(c, family).replaceWith(new Rotation(null, Refusal.REUSED));
                    }
                    if (!r.getOffsetDateTime("expires_at").toInstant().isAfter(Instant.now())) {
                        return refused(Refusal.EXPIRED);
                    }
                    Uni<Void> spent = c.preparedQuery("UPDATE refresh_token SET used_at = now() WHERE hash = $1")
                            .execute(Tuple.of(bytes(hash))).replaceWithVoid();
                    if (!successor) {
                        return spent.replaceWith(new Rotation(null, null));
                    }
                    String next = SecretFormat.generate(SecretKind.REFRESH_TOKEN);
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    return spent.chain(() -> insert(c, next, tokenId, family, scope, now))
                            .chain(() -> c.preparedQuery(
                                            "UPDATE refresh_family SET expires_at = greatest(expires_at, $2) WHERE id = $1")
                                    .execute(Tuple.of(family, now.plus(lifetime))))
                            .replaceWith(new Rotation(next, null));
                }));
    }

    /** The refresh token when it is live (known, unspent, unexpired), with its family; else null. */
    public Uni<Live> peek(String secret) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                        SELECT t.token_id, t.family_id, t.scope, f.secret_generation
                        FROM refresh_token t JOIN refresh_family f ON f.id = t.family_id
                        WHERE t.hash = $1 AND t.used_at IS NULL AND t.expires_at > now()""")
                .execute(Tuple.of(bytes(hasher.hash(secret))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Live(r.getUUID("token_id"), r.getUUID("family_id"), r.getString("scope"),
                            r.getInteger("secret_generation"));
                });
    }

    /** Ends a family (its secret stopped working, or it was revoked). */
    public Uni<Void> endFamily(UUID familyId) {
        return pool.withConnection(c -> endFamily(c, familyId));
    }

    /** Ends the family of a refresh token (RFC 7009 revocation). */
    public Uni<Boolean> revoke(String secret) {
        if (!SecretFormat.isWellFormed(SecretKind.REFRESH_TOKEN, secret)) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("DELETE FROM refresh_family WHERE id IN (SELECT family_id FROM refresh_token WHERE hash = $1)")
                .execute(Tuple.of(bytes(hasher.hash(secret)))).map(rows -> rows.rowCount() > 0);
    }

    /** The API token is gone: so are its refresh families. */
    public Uni<Void> tokenGone(UUID tokenId) {
        return pool.preparedQuery("DELETE FROM refresh_family WHERE token_id = $1").execute(Tuple.of(tokenId)).replaceWithVoid();
    }

    /** Live refresh tokens of an API token (for tests and operators). */
    public Uni<Integer> liveCount(UUID tokenId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM refresh_token WHERE token_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(tokenId)).map(rows -> rows.iterator().next().getInteger("n"));
    }

    /**
     * Forgets families whose newest member has expired, spent members with them. Spent members of a living family are
     * kept: they are what recognises reuse.
     */
    public Uni<Void> prune() {
        return pool.query("DELETE FROM refresh_family WHERE expires_at < now()").execute().replaceWithVoid();
    }

    private Uni<Void> insert(SqlConnection c, String secret, UUID tokenId, UUID family, String scope, OffsetDateTime now) {
        return c.preparedQuery("""
                        INSERT INTO refresh_token (id, hash, token_id, family_id, scope, created_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addValue(bytes(hasher.hash(secret))).addUUID(tokenId)
                        .addUUID(family).addString(scope).addOffsetDateTime(now).addOffsetDateTime(now.plus(lifetime)))
                .replaceWithVoid();
    }

    private static Uni<Void> endFamily(SqlConnection c, UUID familyId) {
        return c.preparedQuery("DELETE FROM refresh_family WHERE id = $1").execute(Tuple.of(familyId)).replaceWithVoid();
    }

    private static Uni<Rotation> refused(Refusal refusal) {
        return Uni.createFrom().item(new Rotation(null, refusal));
    }

    /** bytea parameters travel as Vert.x buffers. */
    private static Buffer bytes(byte[] value) {
        return Buffer.buffer(value);
    }
}
