package dev.latchkey.token.security;

import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.problem.ProblemException;
import java.util.UUID;

/**
 * The first check of every tenant endpoint: the caller acts in this tenant (another tenant's id is "not found",
 * exactly as a missing one) and its token carries the permission. The vendor passes both.
 */
public final class TenantGuard {

    private TenantGuard() {
    }

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
}
