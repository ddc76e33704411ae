package dev.latchkey.common.changefeed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data of each {@link ChangeType}: ids and values that describe a change, never a secret or a hash. */
// Read and written by Jackson outside REST endpoints, so a native image must be told about them.
@RegisterForReflection(targets = {Payload.Tenant.class, Payload.PermissionKey.class, Payload.Role.class,
        Payload.Membership.class, Payload.Token.class, Payload.Settings.class, Payload.JwtRevoked.class})
public final class Payload {

    private Payload() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tenant(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PermissionKey(String key) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(UUID roleId, String key, Integer level, List<String> permissions) {
    }

    /**
     * @param removedRoleKeys the roles the user lost in this change (a JWT carrying them is refused from then on)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Membership(String userId, List<UUID> roleIds, List<String> roleKeys, List<String> removedRoleKeys) {

        public static Membership of(String userId) {
            return new Membership(userId, null, null, null);
        }
    }

    /**
     * @param oldSecretUntil on a roll: when the secret before it stops working (the roll's instant without a grace
     *                       period); JWTs issued before the roll are refused from then on
     * @param reason         why token-service ended or changed it by itself (e.g. {@code membership.removed})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(UUID tokenId, String type, String context, String userId, String clientId,
            List<String> roleIds, Boolean allRoles, List<String> permissionIds, Instant expiresAt, List<String> changed,
            Integer gracePeriodMinutes, Instant oldSecretUntil, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(String scope) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JwtRevoked(String jti, Instant expiresAt) {
    }
}
