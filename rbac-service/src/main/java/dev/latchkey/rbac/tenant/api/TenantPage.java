package dev.latchkey.rbac.tenant.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of tenants under its own name, so that generated clients get a {@code TenantPage} model. */
@Schema(name = "TenantPage", description = "One page of tenants, newest first", examples = TenantPage.EXAMPLE)
public record TenantPage(
        List<TenantResponse> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of tenants in all pages", examples = "1") long total) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"items\": [" + TenantResponse.EXAMPLE
            + "], \"page\": 0, \"size\": 50, \"total\": 1}";

    public static TenantPage of(Page<TenantResponse> page) {
        return new TenantPage(page.items(), page.page(), page.size(), page.total());
    }
}
