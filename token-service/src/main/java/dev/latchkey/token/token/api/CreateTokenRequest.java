package dev.latchkey.token.token.api;

import dev.latchkey.token.token.TokenType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new API token. Tenant tokens take roleIds or permissionIds (not both); personal tokens may "
        + "narrow their user's roles with roleIds.", examples = CreateTokenRequest.EXAMPLE)
public record CreateTokenRequest(
        @Schema(examples = "CLIENT_CREDENTIALS") @NotNull TokenType type,
        @Schema(examples = "CI deploys") @Size(max = 500) String description,
        @Schema(description = "Roles the token acts with; each within the caller's reach (the level rule)")
        @Size(max = 100) List<@NotNull UUID> roleIds,
        @Schema(description = "Permission keys or wildcards, each one the caller holds", examples = "[\"tokens.tenant.read\"]")
        @Size(max = 200) List<@NotNull @Size(max = 202) String> permissionIds,
        @Schema(description = "Minutes until it expires; absent: never, when the settings allow it", examples = "43200")
        @Min(1) @Max(52_560_000) Integer expiresInMinutes,
        @Schema(description = "A small JSON object that becomes the JWT's metadata claim (at most 50 keys, 4 KiB)",
                examples = "{\"environment\": \"production\"}")
        Map<String, Object> metadata) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"type": "CLIENT_CREDENTIALS", "description": "CI deploys",
             "roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"],
             "expiresInMinutes": 43200, "metadata": {"environment": "production"}}""";
}
