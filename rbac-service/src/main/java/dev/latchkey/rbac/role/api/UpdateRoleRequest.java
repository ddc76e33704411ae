package dev.latchkey.rbac.role.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes to a role; absent fields stay as they are. The key never changes.",
        examples = UpdateRoleRequest.EXAMPLE)
public record UpdateRoleRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 500) String description,
        @Min(0) @Max(RoleRules.MAX_LEVEL) Integer level,
        @Size(max = 200) List<@NotNull @Size(max = 202) String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"level": 30, "permissions": ["audit.read"]}""";
}
