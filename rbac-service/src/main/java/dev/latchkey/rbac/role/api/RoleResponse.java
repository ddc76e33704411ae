package dev.latchkey.rbac.role.api;

import dev.latchkey.rbac.role.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Role", description = "A named set of permissions with a level; 0 is the strongest")
public record RoleResponse(
        UUID id,
        @Schema(description = "The tenant that owns it; absent for global (vendor) roles") UUID tenantId,
        @Schema(examples = "Member") String key,
        @Schema(examples = "Member") String name,
        String description,
        @Schema(examples = "10") int level,
        @Schema(description = "Keys and wildcards as granted", examples = "[\"tokens.personal.*\", \"roles.read\"]")
        List<String> permissions,
        boolean builtIn,
        Instant createdAt,
        Instant updatedAt) {

    public static RoleResponse from(Role r) {
        return new RoleResponse(r.id, r.tenantId, r.key, r.name, r.description, r.level, r.permissionList(),
                r.builtIn, r.createdAt, r.updatedAt);
    }
}
