package dev.latchkey.rbac.access;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.permission.PermissionPattern;
import dev.latchkey.rbac.role.Role;
import java.util.ArrayList;
import java.util.Collection;
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

    /** Why something may not be given. */
    public enum Reason {
        /** No such role in this tenant (missing, or another tenant's: the same answer). */
        UNKNOWN_ROLE,
        /** Not a permission key or wildcard, or a key nobody registered. */
        UNKNOWN_PERMISSION,
        /** The role is stronger than the caller's strongest level. */
        LEVEL,
        /** The caller does not hold the permission itself. */
        PERMISSION
    }

    public record Refusal(String field, String value, Reason reason, String detail) {
    }

    private GrantCheck() {
    }

    /**
     * @param usable the roles among {@code roleIds} that are usable in the tenant
     */
    public static List<Refusal> check(Access caller, List<UUID> roleIds, Collection<Role> usable,
            List<String> permissions, Collection<String> registeredKeys) {
        List<Refusal> refusals = new ArrayList<>();
        Map<UUID, Role> byId = usable.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
        for (int i = 0; i < roleIds.size(); i++) {
            UUID id = roleIds.get(i);
            Role role = byId.get(id);
            String field = "roleIds[" + i + "]";
            if (role == null) {
                refusals.add(new Refusal(field, String.valueOf(id), Reason.UNKNOWN_ROLE, "no such role in this tenant"));
            } else if (!caller.mayGrantLevel(role.level)) {
                refusals.add(new Refusal(field, String.valueOf(id), Reason.LEVEL, levelDetail(role, caller)));
            }
        }
        refusals.addAll(checkPermissions("permissions", permissions, caller, registeredKeys));
        return refusals;
    }

    public static List<Refusal> checkPermissions(String field, List<String> patterns, Access caller,
            Collection<String> registeredKeys) {
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = field + "[" + i + "]";
            if (!PermissionPattern.isPattern(pattern) || (PermissionPattern.isKey(pattern) && !registeredKeys.contains(pattern))) {
                refusals.add(new Refusal(at, pattern, Reason.UNKNOWN_PERMISSION, "no such permission"));
            } else if (!caller.mayGrant(pattern)) {
                refusals.add(new Refusal(at, pattern, Reason.PERMISSION, "the caller does not hold " + pattern));
            }
        }
        return refusals;
    }

    public static Refusal level(String field, Role role, Access caller) {
        return new Refusal(field, String.valueOf(role.id), Reason.LEVEL, levelDetail(role, caller));
    }

    private static String levelDetail(Role role, Access caller) {
        return "role " + role.key + " (level " + role.level + ") is stronger than the caller's strongest level"
                + (caller.level() == null ? " (it holds no role)" : " (" + caller.level() + ")");
    }

    /** Throws the problem for the refusals, if any: 400 for unknown ids and keys, else 403 naming the rule. */
    public static void enforce(List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        List<Refusal> unknown = refusals.stream()
                .filter(r -> r.reason() == Reason.UNKNOWN_ROLE || r.reason() == Reason.UNKNOWN_PERMISSION).toList();
        if (!unknown.isEmpty()) {
            throw problem("validation", "Invalid request", 400, unknown);
        }
        boolean level = refusals.stream().anyMatch(r -> r.reason() == Reason.LEVEL);
        throw level ? problem("level-rule", "Level rule", 403, refusals) : problem("permission-rule", "Permission rule", 403, refusals);
    }

    private static ProblemException problem(String kind, String title, int status, List<Refusal> refusals) {
        List<Problem.Violation> violations = refusals.stream().map(r -> new Problem.Violation(r.field(), r.detail())).toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + kind, title, status, detail, violations));
    }
}
