package dev.latchkey.rbac.access;

import dev.latchkey.rbac.permission.PermissionPattern;
import dev.latchkey.rbac.role.Role;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a caller or user may do in one tenant.
 *
 * @param vendor      the vendor: everything, above every level
 * @param level       the strongest (smallest) level of {@code roles}; null when it holds no role
 * @param grants      the patterns it holds, as granted (wildcards kept): what it may pass on
 * @param permissions the registered keys those patterns cover
 */
public record Access(boolean vendor, Integer level, List<Role> roles, Set<String> grants, Set<String> permissions) {

    public static Access ofVendor(Collection<String> allKeys) {
        return new Access(true, null, List.of(), Set.of(PermissionPattern.ALL), Set.copyOf(allKeys));
    }

    public static Access ofRoles(List<Role> roles, Collection<String> allKeys) {
        Set<String> grants = new java.util.TreeSet<>();
        roles.forEach(r -> grants.addAll(r.permissionList()));
        Integer level = roles.stream().map(r -> r.level).min(Integer::compare).orElse(null);
        return new Access(false, level, List.copyOf(roles), grants, PermissionPattern.expand(grants, allKeys));
    }

    public boolean holds(String permission) {
        return vendor || permissions.contains(permission);
    }

    /** Whether it may pass on {@code pattern} (a key or a wildcard): only what it holds itself. */
    public boolean mayGrant(String pattern) {
        return vendor || PermissionPattern.coveredByAny(grants, pattern);
    }

    /** The level rule: a role at or below its own strongest level. */
    public boolean mayGrantLevel(int roleLevel) {
        return vendor || (level != null && level <= roleLevel);
    }
}
