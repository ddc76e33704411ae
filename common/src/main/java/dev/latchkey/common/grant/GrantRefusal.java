package dev.latchkey.common.grant;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemException;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One role or permission a caller may not give, and why: the answer of rbac-service's grant check (ADR 0007),
 * turned into the same problem wherever it is enforced.
 */
public record GrantRefusal(
        @Schema(description = "The request field", examples = "roleIds[0]") String field,
        @Schema(description = "The refused id or key") String value,
        Reason reason,
        @Schema(examples = "role Admin (level 0) is stronger than the caller's strongest level (10)") String detail) {

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

    /** Throws the problem for the refusals, if any: 400 for unknown ids and keys, else 403 naming the rule. */
    public static void enforce(List<GrantRefusal> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        List<GrantRefusal> unknown = refusals.stream()
                .filter(r -> r.reason() == Reason.UNKNOWN_ROLE || r.reason() == Reason.UNKNOWN_PERMISSION).toList();
        if (!unknown.isEmpty()) {
            throw problem("validation", "Invalid request", 400, unknown);
        }
        boolean level = refusals.stream().anyMatch(r -> r.reason() == Reason.LEVEL);
        throw level ? problem("level-rule", "Level rule", 403, refusals)
                : problem("permission-rule", "Permission rule", 403, refusals);
    }

    private static ProblemException problem(String kind, String title, int status, List<GrantRefusal> refusals) {
        List<Problem.Violation> violations = refusals.stream().map(r -> new Problem.Violation(r.field(), r.detail())).toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + kind, title, status, detail, violations));
    }
}
