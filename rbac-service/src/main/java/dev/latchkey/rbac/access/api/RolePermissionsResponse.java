package dev.latchkey.rbac.access.api;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RolePermissions", description = "What the roles grant now, wildcards expanded to registered keys",
        examples = RolePermissionsResponse.EXAMPLE)
public record RolePermissionsResponse(
        List<RolePermissions> roles,
        @Schema(description = "Union of the roles' permissions") List<String> permissions,
        @Schema(description = "Requested ids that are no role of this tenant (deleted, foreign or never existed)")
        List<UUID> unknownRoleIds) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"roles": [{"id": "6fa459ea-ee8a-4ca4-894e-db77e160355e", "key": "deployer", "level": 20,
             "permissions": ["audit.read", "tokens.tenant.read"]}],
             "permissions": ["audit.read", "reports.export", "tokens.tenant.read"], "unknownRoleIds": []}""";

    /** One role and what it grants; named for the contract, where it would otherwise clash with its container. */
    @Schema(name = "RoleGrant", description = "A role of the tenant and the permission keys it grants now")
    public record RolePermissions(UUID id, String key, int level, List<String> permissions) {
    }
}
