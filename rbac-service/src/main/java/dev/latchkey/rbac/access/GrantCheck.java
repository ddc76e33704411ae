package dev.latchkey.rbac.access;

import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.rbac.permission.PermissionPattern;
import dev.latchkey.rbac.role.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The level rule and the permission rule: may a caller give these roles and permissions? Every refusal names the
 * field, the value and why, so the answer says exactly what was refused.
 */
public final class GrantCheck {

    private GrantCheck() {
    }

    /**
     * @param usable the roles among {@code roleIds} that are usable in the tenant
     */
    public static List<GrantRefusal> check(Access caller, List<UUID> roleIds, Collection<Role> usable,
            List<String> permissions, Collection<String> registeredKeys) {
        List<GrantRefusal> refusals = new ArrayList<>();
        Map<UUID, Role> byId = usable.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
        for (int i = 0; i < roleIds.size(); i++) {
            UUID id = roleIds.get(i);
            Role role = byId.get(id);
            String field = "roleIds[" + i + "]";
            if (role == null) {
                refusals.add(new GrantRefusal(field, String.valueOf(id), GrantRefusal.Reason.UNKNOWN_ROLE, "no such role in this tenant"));
            } else {
                refusals.addAll(reach(field, role, caller));
            }
        }
        refusals.addAll(checkPermissions("permissions", permissions, caller, registeredKeys));
        return refusals;
    }

    /**
     * The roles among {@code usable} the caller may give (put on a tenant token, assign): exactly those {@link #check}
     * allows one by one, strongest first, then by key. What a page offers is decided here, by the same rule that
     * decides the create, never by a copy of it.
     */
    public static List<Role> grantable(Access caller, Collection<Role> usable, Collection<String> registeredKeys) {
        return usable.stream()
                .filter(role -> check(caller, List.of(role.id), List.of(role), List.of(), registeredKeys).isEmpty())
                .sorted(Comparator.comparingInt((Role r) -> r.level).thenComparing(r -> r.key))
                .toList();
    }

    public static List<GrantRefusal> checkPermissions(String field, List<String> patterns, Access caller,
            Collection<String> registeredKeys) {
        List<GrantRefusal> refusals = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = field + "[" + i + "]";
            if (!PermissionPattern.isPattern(pattern) || (PermissionPattern.isKey(pattern) && !registeredKeys.contains(pattern))) {
                refusals.add(new GrantRefusal(at, pattern, GrantRefusal.Reason.UNKNOWN_PERMISSION, "no such permission"));
            } else if (!caller.mayGrant(pattern)) {
                refusals.add(new GrantRefusal(at, pattern, GrantRefusal.Reason.PERMISSION, "the caller does not hold " + pattern));
            }
        }
        return refusals;
    }

    /**
     * Whether the caller reaches a role: may give it, take it away, change or delete it. The level rule (the role is
     * at or below the caller's strongest level) and the permission rule (the caller holds every permission the role
     * grants, a wildcard only through one at least as wide).
     */
    public static List<GrantRefusal> reach(String field, Role role, Access caller) {
        List<GrantRefusal> refusals = new ArrayList<>();
        if (!caller.mayGrantLevel(role.level)) {
            refusals.add(new GrantRefusal(field, String.valueOf(role.id), GrantRefusal.Reason.LEVEL, levelDetail(role, caller)));
        }
        for (String pattern : role.permissionList()) {
            if (!caller.mayGrant(pattern)) {
                refusals.add(new GrantRefusal(field, String.valueOf(role.id), GrantRefusal.Reason.PERMISSION,
                        "role " + role.key + " grants " + pattern + ", which the caller does not hold"));
            }
        }
        return refusals;
    }

    /** The level rule for a level the caller wants to give a role. */
    public static List<GrantRefusal> level(String field, int level, Access caller) {
        if (caller.mayGrantLevel(level)) {
            return List.of();
        }
        return List.of(new GrantRefusal(field, String.valueOf(level), GrantRefusal.Reason.LEVEL,
                "level " + level + " is stronger than the caller's strongest level"
                        + (caller.level() == null ? " (it holds no role)" : " (" + caller.level() + ")")));
    }

    private static String levelDetail(Role role, Access caller) {
        return "role " + role.key + " (level " + role.level + ") is stronger than the caller's strongest level"
                + (caller.level() == null ? " (it holds no role)" : " (" + caller.level() + ")");
    }
}
