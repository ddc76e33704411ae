package dev.latchkey.rbac.tenant.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new tenant", examples = CreateTenantRequest.EXAMPLE)
public record CreateTenantRequest(
        @Schema(description = "Display name of the customer account", examples = "Acme Corp")
        @NotBlank @Size(max = 200)
        String name,
        @Schema(description = "A small JSON object of the vendor's own: at most 50 keys and 4 KiB", examples = "{\"plan\": \"pro\"}")
        Map<String, Object> metadata,
        @Schema(description = "The vendor's own key for the tenant, unique among tenants: a vendor identity provider's "
                + "token may name the tenant by it (docs/integration.md)", examples = "acme-42")
        @Size(min = 1, max = 200) @Pattern(regexp = TenantResponse.EXTERNAL_ID, message = "must be 1 to 200 characters without control characters or surrounding spaces")
        String externalId) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"name": "Acme Corp", "metadata": {"plan": "pro"}, "externalId": "acme-42"}""";
}
