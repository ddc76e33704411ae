package dev.latchkey.common.idp;

import dev.latchkey.common.caller.CallerClaims;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user's live standing in a tenant, for a user signed in through a vendor identity provider.
 *
 * @param tenantId    the tenant; absent when the token named none that exists
 * @param member      whether the user belongs to it (after joining just in time, where the provider allows that)
 * @param roleKeys    the roles it holds now
 * @param permissions the registered permissions those roles grant now, wildcards expanded
 */
@Schema(name = "UserSession", description = "A user's live roles and permissions in the tenant an identity provider's token names",
        examples = UserSession.EXAMPLE)
public record UserSession(UUID tenantId, String userId, boolean member, List<String> roleKeys, List<String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "userId": "f:1c4d:alice", "member": true,
             "roleKeys": ["member"], "permissions": ["tokens.personal.read", "tokens.personal.write"]}""";

    public UserSession {
        roleKeys = roleKeys == null ? List.of() : List.copyOf(roleKeys);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /**
     * How the user acts: as a user session of that tenant with exactly its live rights, never as the vendor and
     * never as a tenant token, whatever else the provider's token says.
     */
    public CallerClaims callerClaims() {
        return new CallerClaims(false, tenantId, userId, roleKeys, permissions);
    }

    /**
     * The question: the tenant by Latchkey id or by external id (one of the two), the user, and the role keys to join
     * with when it is not a member yet (absent: never join).
     */
    @Schema(name = "UserSessionQuestion", description = "Which user, in which tenant (by id or external id), and "
            + "whether to join it just in time", examples = Question.EXAMPLE)
    public record Question(
            UUID tenantId,
            @Size(min = 1, max = 200) String tenantExternalId,
            @NotNull @Pattern(regexp = "^[^\\p{Cntrl}]{1,200}$") String userId,
            @NotNull @Pattern(regexp = "^[a-z0-9]{1,40}$") @Schema(description = "The identity provider's name") String provider,
            @Size(max = 50) @Schema(description = "Role keys to join with when the user is no member; absent: never join")
            List<@NotNull @Size(min = 1, max = 100) String> joinWithRoles) {

        /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
        public static final String EXAMPLE = """
                {"tenantExternalId": "acme-42", "userId": "f:1c4d:alice", "provider": "corp", "joinWithRoles": ["member"]}""";
    }
}
