package dev.latchkey.common.changefeed;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every change a Latchkey service announces on its feed (ADR 0006), with the record its data holds. Written through
 * {@link Outbox#append}, read through {@link Change#kind()} and {@link Change#payload}; the wire names are the
 * contract between services and never change meaning.
 */
public enum ChangeType {
    // rbac-service
    TENANT_CREATED("tenant.created", Payload.Tenant.class),
    TENANT_UPDATED("tenant.updated", Payload.Tenant.class),
    TENANT_DELETED("tenant.deleted", Payload.Tenant.class),
    PERMISSION_CREATED("permission.created", Payload.PermissionKey.class),
    ROLE_CREATED("role.created", Payload.Role.class),
    ROLE_UPDATED("role.updated", Payload.Role.class),
    ROLE_DELETED("role.deleted", Payload.Role.class),
    MEMBERSHIP_ADDED("membership.added", Payload.Membership.class),
    MEMBERSHIP_ROLES_CHANGED("membership.roles-changed", Payload.Membership.class),
    MEMBERSHIP_REMOVED("membership.removed", Payload.Membership.class),
    // token-service
    TOKEN_CREATED("token.created", Payload.Token.class),
    TOKEN_UPDATED("token.updated", Payload.Token.class),
    TOKEN_ROLLED("token.rolled", Payload.Token.class),
    TOKEN_DELETED("token.deleted", Payload.Token.class),
    TOKEN_EXPIRED("token.expired", Payload.Token.class),
    SETTINGS_UPDATED("settings.updated", Payload.Settings.class),
    // auth-service
    JWT_REVOKED("jwt.revoked", Payload.JwtRevoked.class);

    private static final Map<String, ChangeType> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> t.wire, Function.identity()));

    /** The name on the wire and in the outbox's {@code type} column. */
    public final String wire;
    public final Class<? extends Record> payload;

    ChangeType(String wire, Class<? extends Record> payload) {
        this.wire = wire;
        this.payload = payload;
    }

    public static Optional<ChangeType> of(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    public boolean isToken() {
        return payload == Payload.Token.class;
    }

    /** A token that can never be used again. */
    public boolean endsToken() {
        return this == TOKEN_DELETED || this == TOKEN_EXPIRED;
    }
}
