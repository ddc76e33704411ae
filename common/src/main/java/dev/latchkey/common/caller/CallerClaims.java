package dev.latchkey.common.caller;

import java.util.List;
import java.util.UUID;

/**
 * Who a caller is, as auth-service's JWT says: the vendor, or a token or user session in one tenant. The same shape
 * arrives from token-service in grant checks, for the caller it is serving.
 *
 * @param userId      for personal tokens and user sessions: the user, whose current rights bound the caller's
 * @param roleKeys    the roles the token carries (for personal tokens: the subset of the user's roles it may use)
 * @param permissions the expanded permissions the token carries
 */
public record CallerClaims(boolean vendor, UUID tenantId, String userId, List<String> roleKeys, List<String> permissions) {

    public CallerClaims {
        roleKeys = roleKeys == null ? List.of() : List.copyOf(roleKeys);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    public static CallerClaims vendorClaims() {
        return new CallerClaims(true, null, null, List.of(), List.of("*"));
    }
}
