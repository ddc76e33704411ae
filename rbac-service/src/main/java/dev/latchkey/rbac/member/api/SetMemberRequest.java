package dev.latchkey.rbac.member.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SetMembershipRequest", description = "The user's roles in the tenant, replacing the ones it has",
        examples = SetMemberRequest.EXAMPLE)
public record SetMemberRequest(
        @Schema(description = "Global roles or the tenant's own; each at or below the caller's strongest level")
        @NotNull @Size(max = 100) List<@NotNull UUID> roleIds) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"]}""";
}
