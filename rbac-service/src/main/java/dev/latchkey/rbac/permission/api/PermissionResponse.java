package dev.latchkey.rbac.permission.api;

import dev.latchkey.rbac.permission.Permission;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Permission", description = "A permission key", examples = PermissionResponse.EXAMPLE)
public record PermissionResponse(
        @Schema(examples = "tokens.tenant.write") String key,
        @Schema(examples = "Create, update and roll the tenant's tokens") String description,
        @Schema(description = "Seeded by Latchkey; cannot be removed") boolean builtIn) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"key": "reports.export", "description": "Export reports", "builtIn": false}""";

    public static PermissionResponse from(Permission p) {
        return new PermissionResponse(p.key, p.description, p.builtIn);
    }
}
