package dev.latchkey.rbac.access.api;

import dev.latchkey.rbac.member.api.RoleRef;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserAccess", description = "A user's current access in a tenant", examples = UserAccessResponse.EXAMPLE)
public record UserAccessResponse(
        UUID tenantId,
        String userId,
        @Schema(description = "Whether the user belongs to the tenant now") boolean member,
        @Schema(description = "Strongest (smallest) level of its roles; absent when it holds none", examples = "10") Integer level,
        List<RoleRef> roles,
        @Schema(description = "Registered permission keys its roles grant, wildcards expanded") List<String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE =
            "{\"tenantId\": \"1b4e28ba-2fa1-11d2-883f-0016d3cca427\", \"userId\": \"auth0|6512f0c1\", "
            + "\"member\": true, \"level\": 20, \"roles\": ["
            + RoleRef.EXAMPLE + "], \"permissions\": [\"audit.read\", \"tokens.tenant.read\"]}";
}
