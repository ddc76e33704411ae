package dev.latchkey.rbac.role.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new role", examples = CreateRoleRequest.EXAMPLE)
public record CreateRoleRequest(
        @Schema(description = "Unique among the roles usable in the tenant, global ones included", examples = "Auditor")
        @NotNull @Size(max = 100) @Pattern(regexp = RoleRules.KEY_REGEX, message = "must start with a letter; letters, digits, _ . - only")
        String key,
        @Schema(examples = "Auditor") @NotBlank @Size(max = 200) String name,
        @Size(max = 500) String description,
        @Schema(description = "0 is the strongest; never stronger than the caller's own strongest level", examples = "20")
        @NotNull @Min(0) @Max(RoleRules.MAX_LEVEL) Integer level,
        @Schema(description = "Permission keys or wildcards; only ones the caller holds", examples = "[\"audit.read\"]")
        @NotNull @Size(max = 200) List<@NotNull @Size(max = 202) String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"key": "deployer", "name": "Deployer", "description": "Runs deployments", "level": 20,
             "permissions": ["tokens.tenant.read", "audit.read"]}""";
}
