package dev.latchkey.rbac.tenant.api;

import dev.latchkey.rbac.tenant.Tenant;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Tenant", description = "A customer account of the vendor", examples = TenantResponse.EXAMPLE)
public record TenantResponse(
        @Schema(description = "Tenant id", examples = "1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        UUID id,
        @Schema(description = "Display name", examples = "Acme Corp")
        String name,
        @Schema(description = "The vendor's own data about the tenant", examples = "{\"plan\": \"pro\"}")
        Map<String, Object> metadata,
        @Schema(description = "The vendor's own key for the tenant; absent when not set", examples = "acme-42")
        String externalId,
        @Schema(description = "Subject of the caller who created it", examples = "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc")
        String createdBy,
        @Schema(description = "Creation instant (UTC)", examples = "2026-11-28T18:00:00Z")
        Instant createdAt,
        @Schema(description = "Last change (UTC)", examples = "2026-11-28T18:00:00Z")
        Instant updatedAt) {

    /** An external id: 1 to 200 characters, no control characters, no leading or trailing space. */
    public static final String EXTERNAL_ID = "^[^\\p{Cntrl}\\s]([^\\p{Cntrl}]{0,198}[^\\p{Cntrl}\\s])?$";

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "name": "Acme Corp", "metadata": {"plan": "pro"},
             "externalId": "acme-42", "createdBy": "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc", "createdAt": "2026-11-28T18:00:00Z",
             "updatedAt": "2026-11-28T18:00:00Z"}""";

    public static TenantResponse from(Tenant tenant) {
        return new TenantResponse(tenant.id, tenant.name, tenant.metadata, tenant.externalId, tenant.createdBy, tenant.createdAt,
                tenant.updatedAt);
    }
}
