package dev.latchkey.auth.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state of an API token that a JWT is issued for, as token-service describes it (tolerant of new fields).
 * {@code context} is VENDOR, TENANT or PERSONAL; {@code type} CLIENT_CREDENTIALS or ACCESS_TOKEN.
 * {@code secretGeneration} counts the secret's rolls (0 for the first secret; a bootstrap credential replaced from
 * configuration counts as a roll) and {@code previousSecretExpiresAt} ends the grace period of the secret before the
 * current one (absent when the last roll had none): refresh families end with the secret they were made with
 * (ADR 0010). Both are null while token-service does not send them. {@code jwtReuseSeconds} is the reuse window from the
 * tenant's settings (ADR 0019; null or 0: never).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenState(UUID tokenId, String context, String type, UUID tenantId, String userId, String clientId,
        List<UUID> roleIds, List<String> permissionIds, Map<String, Object> metadata, Instant expiresAt,
        Integer jwtLifetimeSeconds, Boolean refreshTokensEnabled, Integer secretGeneration,
        Instant previousSecretExpiresAt, Boolean allRoles, Integer jwtReuseSeconds) {

    /**
     * The OAuth client this token is (RFC 9068 {@code client_id}): its client id, or for an access-token key, which
     * has none, the token's id.
     */
    public String clientIdentity() {
        return clientId != null ? clientId : tokenId.toString();
    }

    /** The JWT's {@code sub}: the user of a personal token, else the client itself. */
    public String subject() {
        return userId != null ? userId : clientIdentity();
    }

    public boolean isVendor() {
        return "VENDOR".equals(context);
    }

    public boolean isPersonal() {
        return "PERSONAL".equals(context);
    }

    /** A personal token with all of its user's roles; otherwise it carries only {@link #roleIds} (perhaps none). */
    public boolean hasAllRoles() {
        return Boolean.TRUE.equals(allRoles);
    }

    public List<UUID> roleIdsOrEmpty() {
        return roleIds == null ? List.of() : roleIds;
    }

    public List<String> permissionIdsOrEmpty() {
        return permissionIds == null ? List.of() : permissionIds;
    }
}
