package dev.latchkey.rbac.role.api;

import dev.latchkey.rbac.role.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Role", description = "A named set of permissions with a level; 0 is the strongest",
        examples = RoleResponse.EXAMPLE)
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

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"id": "6fa459ea-ee8a-4ca4-894e-db77e160355e", "tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
             "key": "deployer",
             "name": "Deployer", "description": "Runs deployments", "level": 20,
             "permissions": ["tokens.tenant.read", "audit.read"], "builtIn": false,
             "createdAt": "2026-11-28T18:00:00Z", "updatedAt": "2026-11-28T18:00:00Z"}""";

    public static RoleResponse from(Role r) {
        return new RoleResponse(r.id, r.tenantId, r.key, r.name, r.description, r.level, r.permissionList(),
                r.builtIn, r.createdAt, r.updatedAt);
    }
}
