package dev.latchkey.rbac.access;

import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.rbac.access.api.CallerAccessResponse;
import dev.latchkey.rbac.access.api.CallerAccessResponse.RoleSummary;
import dev.latchkey.rbac.access.api.GrantCheckRequest;
import dev.latchkey.rbac.access.api.GrantCheckResponse;
import dev.latchkey.rbac.access.api.RolePermissionsResponse;
import dev.latchkey.rbac.access.api.UserAccessResponse;
import dev.latchkey.rbac.member.MembershipRepository;
import dev.latchkey.rbac.member.api.RoleRef;
import dev.latchkey.rbac.permission.PermissionPattern;
import dev.latchkey.rbac.permission.PermissionRepository;
import dev.latchkey.rbac.role.Role;
import dev.latchkey.rbac.role.RoleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The questions token-service and auth-service ask rbac-service, and the one a page asks about its own caller: each
 * answered by {@link AccessService} and {@link GrantCheck}, the rules' only home.
 */
@ApplicationScoped
public class DecisionService {

    private final AccessService access;
    private final RoleRepository roles;
    private final PermissionRepository permissions;
    private final MembershipRepository memberships;

    public DecisionService(AccessService access, RoleRepository roles, PermissionRepository permissions,
            MembershipRepository memberships) {
        this.access = access;
        this.roles = roles;
        this.permissions = permissions;
        this.memberships = memberships;
    }

    @WithSession
    public Uni<UserAccessResponse> userAccess(UUID tenantId, String userId) {
        return access.ofUser(tenantId, userId).flatMap(a -> memberships.find(tenantId, userId).map(m ->
                new UserAccessResponse(tenantId, userId, m != null, a.level(),
                        a.roles().stream().map(RoleRef::from).toList(), List.copyOf(a.permissions()))));
    }

    /**
     * The caller's own access in the tenant ({@link AccessService#ofCaller}: narrowing, scope and tenant isolation
     * apply), with the usable roles it may put on a tenant token decided by {@link GrantCheck#grantable}, the rule
     * {@link #grantCheck} applies when the token is created.
     */
    @WithSession
    public Uni<CallerAccessResponse> callerAccess(CallerClaims caller, UUID tenantId) {
        return access.ofCaller(caller, tenantId).flatMap(a -> roles.usableIn(tenantId)
                .flatMap(usable -> permissions.keys().map(keys -> new CallerAccessResponse(tenantId, a.vendor(),
                        caller.vendor() ? null : caller.userId(), a.level(),
                        a.roles().stream().map(RoleSummary::from).toList(), List.copyOf(new TreeSet<>(a.permissions())),
                        GrantCheck.grantable(a, usable, keys).stream().map(RoleSummary::from).toList()))));
    }

    @WithSession
    public Uni<GrantCheckResponse> grantCheck(UUID tenantId, GrantCheckRequest request) {
        List<UUID> roleIds = request.roleIds() == null ? List.of() : request.roleIds();
        List<String> wanted = request.permissions() == null ? List.of() : request.permissions();
        return access.ofCaller(request.caller(), tenantId).flatMap(caller -> roles.usableIn(tenantId, roleIds)
                .flatMap(usable -> permissions.keys().map(keys -> {
                    List<GrantRefusal> refusals = GrantCheck.check(caller, roleIds, usable, wanted, keys);
                    return new GrantCheckResponse(refusals.isEmpty(), refusals);
                })));
    }

    @WithSession
    public Uni<RolePermissionsResponse> rolePermissions(UUID tenantId, List<UUID> roleIds, List<String> patterns) {
        return access.requireTenant(tenantId).flatMap(ok -> roles.usableIn(tenantId, roleIds))
                .flatMap(found -> permissions.keys().map(keys -> {
                    Set<String> union = new TreeSet<>(PermissionPattern.expand(patterns, keys));
                    List<RolePermissionsResponse.RolePermissions> each = found.stream().map(role -> {
                        Set<String> expanded = PermissionPattern.expand(role.permissionList(), keys);
                        union.addAll(expanded);
                        return new RolePermissionsResponse.RolePermissions(role.id, role.key, role.level, List.copyOf(expanded));
                    }).toList();
                    Set<UUID> foundIds = new TreeSet<>(found.stream().map((Role r) -> r.id).toList());
                    List<UUID> unknown = roleIds.stream().filter(id -> !foundIds.contains(id)).distinct().toList();
                    return new RolePermissionsResponse(each, List.copyOf(union), unknown);
                }));
    }
}
