package dev.latchkey.rbac.tenant.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes to a tenant; absent fields stay as they are", examples = UpdateTenantRequest.EXAMPLE)
public record UpdateTenantRequest(
        @Schema(examples = "Acme Corporation") @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
        @Schema(description = "Replaces the metadata object: at most 50 keys and 4 KiB") Map<String, Object> metadata,
        @Schema(description = "Sets the vendor's own key for the tenant, unique among tenants", examples = "acme-42")
        @Size(min = 1, max = 200) @Pattern(regexp = TenantResponse.EXTERNAL_ID, message = "must be 1 to 200 characters without control characters or surrounding spaces")
        String externalId) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"name": "Acme Corporation"}""";
}
