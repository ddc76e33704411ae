package dev.latchkey.rbac.access;

import dev.latchkey.rbac.permission.PermissionPattern;
import dev.latchkey.rbac.role.Role;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller or user may do in one tenant: its effective rights, computed once ({@link #of}).
 *
 * @param vendor      the vendor: everything, above every level
 * @param level       the strongest (smallest) level of {@code roles}; null when it carries no role
 * @param roles       the roles it actually carries after narrowing: only those whose every permission it still holds
 * @param grants      the patterns it may pass on: its roles' patterns as granted (wildcards kept) when nothing was
 *                    narrowed away, else only the plain keys it still holds
 * @param permissions the registered keys it holds
 */
public record Access(boolean vendor, Integer level, List<Role> roles, Set<String> grants, Set<String> permissions) {

    public static Access ofVendor(Collection<String> allKeys) {
        return new Access(true, null, List.of(), Set.of(PermissionPattern.ALL), Set.copyOf(allKeys));
    }

    /** A user's own access: its live roles, nothing narrowed. */
    public static Access ofRoles(List<Role> roles, Collection<String> allKeys) {
        return of(roles, patternsOf(roles), null, allKeys);
    }

    /**
     * The one computation of effective rights (ADR 0007): the live rights ({@code baseRoles} and the patterns they, or
     * a token made of permissions, grant) intersected with what the caller's JWT still carries ({@code scope}: its
     * {@code permissions} claim, already narrowed by the token's roles and the requested scope; null for none). A role
     * is carried only while every key it grants is held, and the level is the strongest carried role's. Once anything
     * was narrowed away, wildcards are no longer passed on, only the keys still held.
     */
    public static Access of(List<Role> baseRoles, Collection<String> basePatterns, Collection<String> scope,
            Collection<String> allKeys) {
        Set<String> live = PermissionPattern.expand(basePatterns, allKeys);
        Set<String> held = new TreeSet<>(live);
        if (scope != null) {
            held.retainAll(scope);
        }
        Set<String> grants = held.equals(live) ? new TreeSet<>(basePatterns) : held;
        List<Role> carried = baseRoles.stream()
                .filter(r -> held.containsAll(PermissionPattern.expand(r.permissionList(), allKeys)))
                .sorted(Comparator.comparingInt((Role r) -> r.level).thenComparing(r -> r.key))
                .toList();
        Integer level = carried.stream().map(r -> r.level).min(Integer::compare).orElse(null);
        return new Access(false, level, carried, grants, held);
    }

    public static Set<String> patternsOf(Collection<Role> roles) {
        Set<String> patterns = new TreeSet<>();
        roles.forEach(r -> patterns.addAll(r.permissionList()));
        return patterns;
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
