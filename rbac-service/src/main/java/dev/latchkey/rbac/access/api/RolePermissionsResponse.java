package dev.latchkey.rbac.access.api;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RolePermissions", description = "What the roles grant now, wildcards expanded to registered keys")
public record RolePermissionsResponse(
        List<RolePermissions> roles,
        @Schema(description = "Union of the roles' permissions") List<String> permissions,
        @Schema(description = "Requested ids that are no role of this tenant (deleted, foreign or never existed)")
        List<UUID> unknownRoleIds) {

    public record RolePermissions(UUID id, String key, int level, List<String> permissions) {
    }
}
