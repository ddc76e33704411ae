package dev.latchkey.rbac.access.api;

import dev.latchkey.common.caller.CallerClaims;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "May this caller give these roles and permissions in the tenant?")
public record GrantCheckRequest(
        @Schema(description = "The caller, as its JWT describes it") @NotNull CallerClaims caller,
        @Size(max = 100) List<@NotNull UUID> roleIds,
        @Size(max = 200) List<@NotNull String> permissions) {
}
