package dev.latchkey.rbac.permission.api;

import dev.latchkey.rbac.permission.PermissionPattern;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A permission the vendor adds", examples = CreatePermissionRequest.EXAMPLE)
public record CreatePermissionRequest(
        @Schema(description = "Dotted lower-case key", examples = "reports.export")
        @NotNull @Size(max = 200) @Pattern(regexp = PermissionPattern.KEY_REGEX, message = "must be a dotted lower-case key")
        String key,
        @Schema(examples = "Export reports") @Size(max = 500) String description) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"key": "reports.export", "description": "Export reports"}""";
}
