package dev.latchkey.rbac.access.api;

import dev.latchkey.common.caller.CallerClaims;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "May this caller give these roles and permissions in the tenant?",
        examples = GrantCheckRequest.EXAMPLE)
public record GrantCheckRequest(
        @Schema(description = "The caller, as its JWT describes it") @NotNull CallerClaims caller,
        @Size(max = 100) List<@NotNull UUID> roleIds,
        @Size(max = 200) List<@NotNull String> permissions) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"caller": {"vendor": false, "tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "userId": "auth0|6512f0c1",
             "roleKeys": ["deployer"], "permissions": ["audit.read", "tokens.tenant.read", "tokens.tenant.write"]},
             "roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"], "permissions": ["audit.read"]}""";
}
