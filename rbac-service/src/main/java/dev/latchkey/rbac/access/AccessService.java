package dev.latchkey.rbac.access;

import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.member.MembershipRepository;
import dev.latchkey.rbac.permission.PermissionRepository;
import dev.latchkey.rbac.role.Role;
import dev.latchkey.rbac.role.RoleRepository;
import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.rbac.tenant.TenantRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Decides what a caller or a user may do in a tenant. Call inside a session. A caller of another tenant learns
 * nothing: the tenant is "not found" for it, exactly as a missing one.
 */
@ApplicationScoped
public class AccessService {

    private final TenantRepository tenants;
    private final RoleRepository roles;
    private final PermissionRepository permissions;
    private final MembershipRepository memberships;

    public AccessService(TenantRepository tenants, RoleRepository roles, PermissionRepository permissions,
            MembershipRepository memberships) {
        this.tenants = tenants;
        this.roles = roles;
        this.permissions = permissions;
        this.memberships = memberships;
    }

    /**
     * The caller's effective access in the tenant, always through {@link Access#of}: personal tokens and user sessions
     * act with the user's current roles narrowed to the roles the token carries; tenant tokens with their roles as
     * they are now (or the permissions they were made of); both intersected with the JWT's permissions, which carry
     * the token's narrowing and the requested scope.
     */
    public Uni<Access> ofCaller(CallerClaims caller, UUID tenantId) {
        if (!caller.vendor() && !tenantId.equals(caller.tenantId())) {
            return Uni.createFrom().failure(tenantNotFound(tenantId));
        }
        return requireTenant(tenantId).flatMap(ok -> permissions.keys()).flatMap(keys -> {
            if (caller.vendor()) {
                return Uni.createFrom().item(Access.ofVendor(keys));
            }
            Uni<List<Role>> base = caller.userId() != null
                    ? memberships.rolesOf(tenantId, caller.userId())
                            .map(live -> live.stream().filter(r -> caller.roleKeys().contains(r.key)).toList())
                    : roles.usableByKey(tenantId, caller.roleKeys());
            return base.map(held -> Access.of(held,
                    caller.userId() == null && caller.roleKeys().isEmpty() ? caller.permissions() : Access.patternsOf(held),
                    caller.permissions(), keys));
        });
    }

    /** Like {@link #ofCaller}, and the caller must hold {@code permission}. */
    public Uni<Access> require(CallerClaims caller, UUID tenantId, String permission) {
        return ofCaller(caller, tenantId).invoke(access -> {
            if (!access.holds(permission)) {
                throw ProblemException.forbidden("This needs the permission " + permission);
            }
        });
    }

    /** A user's current access in a tenant, from its role assignments. */
    public Uni<Access> ofUser(UUID tenantId, String userId) {
        return requireTenant(tenantId).flatMap(ok -> permissions.keys())
                .flatMap(keys -> memberships.rolesOf(tenantId, userId).map(held -> Access.ofRoles(held, keys)));
    }

    public Uni<Void> requireTenant(UUID tenantId) {
        return tenants.findById(tenantId).onItem().ifNull().failWith(() -> tenantNotFound(tenantId)).replaceWithVoid();
    }

    public static ProblemException tenantNotFound(UUID tenantId) {
        return ProblemException.notFound("Tenant " + tenantId);
    }
}
