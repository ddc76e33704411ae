package dev.latchkey.rbac.tenant.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of tenants under its own name, so that generated clients get a {@code TenantPage} model. */
@Schema(name = "TenantPage", description = "One page of tenants, newest first")
public record TenantPage(
        List<TenantResponse> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of tenants in all pages", examples = "1") long total) {

    public static TenantPage of(Page<TenantResponse> page) {
        return new TenantPage(page.items(), page.page(), page.size(), page.total());
    }
}
