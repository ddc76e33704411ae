package dev.latchkey.token.access;

import dev.latchkey.common.access.Permission;
import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.token.rbac.RbacGate;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.token.TokenContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Who may do what in token-service: the one place every resource asks (ADR 0008). The caller's rights are its JWT's
 * {@code permissions} (auth-service computed them as the token's live rights ∩ its narrowing ∩ the requested scope;
 * a JWT whose grounds changed since is refused before it gets here, common JwtRevocationFilter). Giving a token its
 * rights, and managing a token later (update, roll, delete), are decided by rbac-service's grant check against the
 * same caller: managing is granting.
 */
@ApplicationScoped
public class AccessPolicy {

    private final RbacGate rbac;

    public AccessPolicy(RbacGate rbac) {
        this.rbac = rbac;
    }

    /**
     * The first check of every tenant endpoint: the caller acts in this tenant (another tenant's id is "not found",
     * exactly as a missing one) and holds the permission. The vendor passes both.
     */
    public static void require(CallerClaims caller, UUID tenantId, String permission) {
        if (caller.vendor()) {
            return;
        }
        if (!tenantId.equals(caller.tenantId())) {
            throw ProblemException.notFound("Tenant " + tenantId);
        }
        if (!caller.permissions().contains(permission)) {
            throw ProblemException.forbidden("This needs the permission " + permission);
        }
    }

    public static boolean holds(CallerClaims caller, String permission) {
        return caller.vendor() || caller.permissions().contains(permission);
    }

    /** The permission to read, change or delete tokens of a context. */
    public static String permission(TokenContext context, Action action) {
        boolean tenant = context == TokenContext.TENANT;
        return switch (action) {
            case READ -> tenant ? Permission.TOKENS_TENANT_READ : Permission.TOKENS_PERSONAL_READ;
            case WRITE -> tenant ? Permission.TOKENS_TENANT_WRITE : Permission.TOKENS_PERSONAL_WRITE;
            case DELETE -> tenant ? Permission.TOKENS_TENANT_DELETE : Permission.TOKENS_PERSONAL_DELETE;
        };
    }

    /** What a caller does to a token. */
    public enum Action {
        READ, WRITE, DELETE
    }

    /**
     * May the caller give a token these rights now? Tenant tokens: the level and permission rules for its roles or
     * permissions. Personal tokens: every role is one its user holds now, and the caller could give it; "all of the
     * user's roles" ({@code allRoles}) needs a caller that reaches every role the user holds.
     */
    public Uni<Void> requireGrantable(UUID tenantId, CallerClaims caller, TokenContext context, String owner,
            boolean allRoles, List<UUID> roleIds, List<String> permissions) {
        if (context == TokenContext.TENANT) {
            return rbac.requireGrantable(tenantId, caller, roleIds, permissions, false);
        }
        Uni<?> held = rbac.requireHeldRoles(tenantId, owner, roleIds);
        return held.flatMap(ok -> allRoles ? rbac.requireOutranks(tenantId, caller, owner)
                : rbac.requireGrantable(tenantId, caller, roleIds, List.of(), false));
    }

    /**
     * Managing is granting: the caller may update, roll or delete a token only if it could create that token now.
     * The vendor always may. Roles that no longer exist grant nothing and are not held against the caller.
     */
    public Uni<Void> requireReach(CallerClaims caller, ApiToken token) {
        if (caller.vendor()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> roleIds = Arrays.stream(token.roleIds).map(UUID::fromString).toList();
        if (token.context == TokenContext.PERSONAL && token.allRoles) {
            return rbac.requireOutranks(token.tenantId, caller, token.userId);
        }
        return rbac.requireGrantable(token.tenantId, caller, roleIds, List.of(token.permissions), true);
    }

    /**
     * Another user's personal tokens: only with {@code users.write} and when the caller reaches every role the owner
     * holds now (the vendor always may).
     */
    public Uni<Void> requireOverUser(UUID tenantId, CallerClaims caller, String userId) {
        if (!holds(caller, Permission.USERS_WRITE)) {
            return Uni.createFrom().failure(ProblemException.forbidden(
                    "Managing another user's personal tokens needs " + Permission.USERS_WRITE));
        }
        return rbac.requireOutranks(tenantId, caller, userId);
    }
}
