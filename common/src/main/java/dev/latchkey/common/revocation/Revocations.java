package dev.latchkey.common.revocation;

import dev.latchkey.common.caller.ClaimValues;
import dev.latchkey.common.changefeed.Change;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.Payload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a verified JWT void before it expires, learned from the change feeds (ADR 0011): its API token was
 * deleted or expired, its secret was rolled away (after the grace period), its user left the tenant or lost a role, a
 * role it carries changed, its tenant was deleted, or it was revoked at auth-service's {@code /oauth/revoke}.
 *
 * <p>Most of these are cuts in time: a JWT issued before the change is void, one issued after it carries the new
 * rights. A JWT's issue time is read to the millisecond from its {@code jti} (a UUID version 7) and otherwise from
 * {@code iat}, whose whole seconds cannot order it within the second of a change: it is then void (fail-safe).
 * Entries are forgotten once no JWT issued before them can still be valid (the longest JWT lifetime).
 */
public final class Revocations {

    /** A cut: JWTs issued before {@code before} are void from {@code from} on. */
    record Cut(Instant before, Instant from) {

        Cut later(Cut other) {
            return other == null || before.isAfter(other.before) ? this : other;
        }
    }

    private final Duration maxJwtLifetime;
    private final Map<UUID, Instant> endedTokens = new ConcurrentHashMap<>();
    private final Map<String, Cut> cuts = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedJtis = new ConcurrentHashMap<>();

    public Revocations(Duration maxJwtLifetime) {
        this.maxJwtLifetime = maxJwtLifetime;
    }

    /** Learns what a change voids. Changes of other kinds void nothing. */
    public void apply(Change change) {
        ChangeType type = change.kind().orElse(null);
        if (type == null) {
            return;
        }
        Instant at = change.at();
        String tenant = change.tenantId() == null ? "" : change.tenantId().toString();
        switch (type) {
            case TOKEN_DELETED, TOKEN_EXPIRED -> endedTokens.put(change.payload(Payload.Token.class).tokenId(), at);
            case TOKEN_UPDATED -> {
                Payload.Token token = change.payload(Payload.Token.class);
                if (!List.of("description").equals(token.changed())) {
                    cut("token:" + token.tokenId(), at, at);
                }
            }
            case TOKEN_ROLLED -> {
                Payload.Token token = change.payload(Payload.Token.class);
                Instant until = token.oldSecretUntil() == null ? at : token.oldSecretUntil();
                cut("token:" + token.tokenId(), at, until.isBefore(at) ? at : until);
            }
            case MEMBERSHIP_REMOVED -> cut("user:" + tenant + ":" + change.payload(Payload.Membership.class).userId(), at, at);
            case MEMBERSHIP_ROLES_CHANGED -> {
                Payload.Membership membership = change.payload(Payload.Membership.class);
                if (membership.removedRoleKeys() != null && !membership.removedRoleKeys().isEmpty()) {
                    cut("user:" + tenant + ":" + membership.userId(), at, at);
                }
            }
            case ROLE_UPDATED, ROLE_DELETED -> cut("role:" + tenant + ":" + change.payload(Payload.Role.class).key(), at, at);
            case TENANT_DELETED -> cut("tenant:" + tenant, at, at);
            case JWT_REVOKED -> {
                Payload.JwtRevoked revoked = change.payload(Payload.JwtRevoked.class);
                revoke(revoked.jti(), revoked.expiresAt() == null ? at.plus(maxJwtLifetime) : revoked.expiresAt());
            }
            default -> {
            }
        }
    }

    /**
     * The JWT with this {@code jti} is void until it expires. Learned from a feed, or at once by the replica that
     * revoked it, so that its own next answer already knows (a feed's change arrives a moment later, to no effect).
     */
    public void revoke(String jti, Instant expiresAt) {
        revokedJtis.merge(jti, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Why the JWT is void now, or empty while it stands. */
    public Optional<String> voided(Claims jwt, Instant now) {
        if (jwt.jti() != null && revokedJtis.containsKey(jwt.jti())) {
            return Optional.of("the token was revoked");
        }
        if (jwt.tokenId() != null && endedTokens.containsKey(jwt.tokenId())) {
            return Optional.of("its API token was deleted or has expired");
        }
        String tenant = jwt.tenantId() == null ? "" : jwt.tenantId().toString();
        if (voids("token:" + jwt.tokenId(), jwt, now)) {
            return Optional.of("its API token was changed or its secret rolled since it was issued");
        }
        if (jwt.userId() != null && voids("user:" + tenant + ":" + jwt.userId(), jwt, now)) {
            return Optional.of("its user left the tenant or lost a role since it was issued");
        }
        for (String role : jwt.roles()) {
            if (voids("role:" + tenant + ":" + role, jwt, now) || voids("role::" + role, jwt, now)) {
                return Optional.of("role " + role + " changed since it was issued");
            }
        }
        if (jwt.tenantId() != null && voids("tenant:" + tenant, jwt, now)) {
            return Optional.of("its tenant was deleted");
        }
        return Optional.empty();
    }

    /** Forgets what no valid JWT can be affected by any more. */
    public void prune(Instant now) {
        Instant horizon = now.minus(maxJwtLifetime);
        endedTokens.values().removeIf(at -> at.isBefore(horizon));
        cuts.values().removeIf(cut -> cut.before().isBefore(horizon) && cut.from().isBefore(now));
        revokedJtis.values().removeIf(expires -> expires.isBefore(now));
    }

    public int size() {
        return endedTokens.size() + cuts.size() + revokedJtis.size();
    }

    private void cut(String key, Instant before, Instant from) {
        cuts.merge(key, new Cut(before, from), Cut::later);
    }

    private boolean voids(String key, Claims jwt, Instant now) {
        Cut cut = cuts.get(key);
        return cut != null && !now.isBefore(cut.from()) && jwt.issuedBefore(cut.before());
    }

    /**
     * The claims of a verified JWT that revocation reads.
     *
     * @param issuedAtMillis when it was issued, to the millisecond when known
     * @param exact          whether {@code issuedAtMillis} is exact (from a version 7 {@code jti}) or a whole second
     */
    public record Claims(String jti, UUID tokenId, UUID tenantId, String userId, List<String> roles,
            long issuedAtMillis, boolean exact) {

        /** Issued before {@code instant}; a whole-second issue time in the same second counts as before. */
        boolean issuedBefore(Instant instant) {
            long cut = instant.toEpochMilli();
            return exact ? issuedAtMillis < cut : issuedAtMillis / 1000 <= cut / 1000;
        }

        /**
         * The claims from a verified JWT's values as a JWT library hands them over (plain Java values or JSON-P ones):
         * the one reading of a JWT that every verifier (the management APIs, introspection) shares.
         */
        public static Claims of(String jti, long iatSeconds, Object tokenId, Object tenantId, Object userId, Object roles) {
            boolean[] exact = new boolean[1];
            long issuedAt = issuedAt(jti, iatSeconds, exact);
            return new Claims(jti, ClaimValues.uuid(tokenId), ClaimValues.uuid(tenantId), ClaimValues.text(userId),
                    ClaimValues.strings(roles), issuedAt, exact[0]);
        }

        /** The issue time of a JWT: the timestamp of a version 7 UUID {@code jti}, else {@code iat} seconds. */
        public static long issuedAt(String jti, long iatSeconds, boolean[] exact) {
            try {
                UUID id = jti == null ? null : UUID.fromString(jti);
                if (id != null && id.version() == 7) {
                    exact[0] = true;
                    return id.getMostSignificantBits() >>> 16;
                }
            } catch (IllegalArgumentException e) {
                // not a UUID: fall back to iat
            }
            exact[0] = false;
            return iatSeconds * 1000;
        }
    }
}
