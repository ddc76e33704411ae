package dev.latchkey.rbac.access.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Roles (and permission patterns) whose permissions to expand",
        examples = RolePermissionsRequest.EXAMPLE)
public record RolePermissionsRequest(
        @NotNull @Size(max = 100) List<@NotNull UUID> roleIds,
        @Schema(description = "Permission keys or wildcards to expand too (a token made from permissions)")
        @Size(max = 200) List<@NotNull @Size(max = 202) String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"], "permissions": ["reports.*"]}""";
}
