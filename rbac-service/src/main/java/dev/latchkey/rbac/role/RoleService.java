package dev.latchkey.rbac.role;

import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.access.Permission;
import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.access.Access;
import dev.latchkey.rbac.access.AccessService;
import dev.latchkey.rbac.access.GrantCheck;
import dev.latchkey.rbac.permission.PermissionRepository;
import dev.latchkey.rbac.role.api.CreateRoleRequest;
import dev.latchkey.rbac.role.api.RoleResponse;
import dev.latchkey.rbac.role.api.UpdateRoleRequest;
import dev.latchkey.common.caller.CallerClaims;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Global roles (the vendor's; {@code tenantId == null}) and tenant roles. A tenant caller needs {@code roles.read} to
 * read and {@code roles.write} to change, and may never create or touch a role stronger than its own strongest level,
 * nor grant a permission it does not hold.
 */
@ApplicationScoped
public class RoleService {

    private final RoleRepository roles;
    private final PermissionRepository permissions;
    private final AccessService access;
    private final Outbox outbox;

    public RoleService(RoleRepository roles, PermissionRepository permissions, AccessService access, Outbox outbox) {
        this.roles = roles;
        this.permissions = permissions;
        this.access = access;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<RoleResponse>> listGlobal() {
        return roles.global().map(RoleService::responses);
    }

    @WithSession
    public Uni<List<RoleResponse>> listUsable(UUID tenantId, CallerClaims caller) {
        return access.require(caller, tenantId, Permission.ROLES_READ)
                .flatMap(a -> roles.usableIn(tenantId)).map(RoleService::responses);
    }

    @WithSession
    public Uni<RoleResponse> get(UUID tenantId, UUID roleId, CallerClaims caller) {
        Uni<?> allowed = tenantId == null ? Uni.createFrom().voidItem() : access.require(caller, tenantId, Permission.ROLES_READ);
        return allowed.flatMap(a -> roles.findById(roleId)).map(role -> {
            boolean visible = role != null && (role.isGlobal() || role.tenantId.equals(tenantId));
            if (!visible) {
                throw roleNotFound(roleId);
            }
            return RoleResponse.from(role);
        });
    }

    @WithTransaction
    public Uni<RoleResponse> create(UUID tenantId, CreateRoleRequest request, CallerClaims caller, String createdBy) {
        return writer(tenantId, caller).flatMap(access -> permissions.keys().flatMap(keys -> {
            List<GrantRefusal> refusals = new ArrayList<>(
                    GrantCheck.checkPermissions("permissions", request.permissions(), access, keys));
            refusals.addAll(GrantCheck.level("level", request.level(), access));
            GrantRefusal.enforce(refusals);
            return roles.keyTaken(tenantId, request.key());
        })).flatMap(taken -> {
            if (taken) {
                throw ProblemException.conflict("duplicate-key", "A role with key " + request.key() + " exists in this tenant");
            }
            Role role = new Role();
            role.id = UUID.randomUUID();
            role.tenantId = tenantId;
            role.key = request.key();
            role.name = request.name().strip();
            role.description = request.description() == null ? "" : request.description().strip();
            role.level = request.level();
            role.permissions = request.permissions().toArray(String[]::new);
            role.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            role.updatedAt = role.createdAt;
            return roles.persist(role).call(r -> outbox.append(ChangeType.ROLE_CREATED, tenantId, describe(r)));
        }).map(RoleResponse::from);
    }

    @WithTransaction
    public Uni<RoleResponse> update(UUID tenantId, UUID roleId, UpdateRoleRequest request, CallerClaims caller) {
        return writer(tenantId, caller).flatMap(access -> ownRole(tenantId, roleId).flatMap(role ->
                permissions.keys().flatMap(keys -> {
                    List<GrantRefusal> refusals = new ArrayList<>(GrantCheck.reach("roleId", role, access));
                    if (request.level() != null) {
                        refusals.addAll(GrantCheck.level("level", request.level(), access));
                    }
                    if (request.permissions() != null) {
                        refusals.addAll(GrantCheck.checkPermissions("permissions", request.permissions(), access, keys));
                    }
                    GrantRefusal.enforce(refusals);
                    if (request.name() != null) {
                        role.name = request.name().strip();
                    }
                    if (request.description() != null) {
                        role.description = request.description().strip();
                    }
                    if (request.level() != null) {
                        role.level = request.level();
                    }
                    if (request.permissions() != null) {
                        role.permissions = request.permissions().toArray(String[]::new);
                    }
                    role.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return outbox.append(ChangeType.ROLE_UPDATED, tenantId, describe(role)).replaceWith(role);
                })))
                .map(RoleResponse::from);
    }

    @WithTransaction
    public Uni<Void> delete(UUID tenantId, UUID roleId, CallerClaims caller) {
        return writer(tenantId, caller).flatMap(access -> ownRole(tenantId, roleId).flatMap(role -> {
            if (role.builtIn) {
                throw ProblemException.conflict("built-in", "Built-in role " + role.key + " cannot be deleted");
            }
            GrantRefusal.enforce(GrantCheck.reach("roleId", role, access));
            return roles.delete(role).call(() -> outbox.append(ChangeType.ROLE_DELETED, tenantId, describe(role)));
        }));
    }

    /** Tenant roles need roles.write in the tenant; global roles are the vendor's alone. */
    private Uni<Access> writer(UUID tenantId, CallerClaims caller) {
        if (tenantId == null) {
            if (!caller.vendor()) {
                return Uni.createFrom().failure(ProblemException.forbidden("Only the vendor may change global roles"));
            }
            return permissions.keys().map(Access::ofVendor);
        }
        return access.require(caller, tenantId, Permission.ROLES_WRITE);
    }

    /** The role, when it is the tenant's own (or global, for the global API); global roles seen from a tenant are read-only. */
    private Uni<Role> ownRole(UUID tenantId, UUID roleId) {
        return roles.findById(roleId).map(role -> {
            if (role == null || (tenantId == null ? !role.isGlobal() : !role.isGlobal() && !role.tenantId.equals(tenantId))) {
                throw roleNotFound(roleId);
            }
            if (tenantId != null && role.isGlobal()) {
                throw ProblemException.forbidden("Role " + role.key + " is global: only the vendor changes it, at /roles");
            }
            return role;
        });
    }

    static ProblemException roleNotFound(UUID roleId) {
        return ProblemException.notFound("Role " + roleId);
    }

    private static List<RoleResponse> responses(List<Role> list) {
        return list.stream().map(RoleResponse::from).toList();
    }

    private static Payload.Role describe(Role role) {
        return new Payload.Role(role.id, role.key, role.level, role.permissionList());
    }
}
