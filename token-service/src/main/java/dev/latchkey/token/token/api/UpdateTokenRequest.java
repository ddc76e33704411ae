package dev.latchkey.token.token.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes to a token; absent fields stay as they are. The secret never changes here (see roll).",
        examples = UpdateTokenRequest.EXAMPLE)
public record UpdateTokenRequest(
        @Size(max = 500) String description,
        @Schema(description = "Replaces the roles; the level rule applies again") @Size(max = 100) List<@NotNull UUID> roleIds,
        @Schema(description = "Replaces the permissions; only ones the caller holds")
        @Size(max = 200) List<@NotNull @Size(max = 202) String> permissionIds,
        @Schema(description = "Replaces the metadata object") Map<String, Object> metadata) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"description": "CI deploys (production)", "metadata": {"environment": "production"}}""";
}
