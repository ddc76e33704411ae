package dev.latchkey.rbac.tenant.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One page of tenants, newest first")
public record TenantPage(
        List<TenantResponse> items,
        @Schema(description = "Zero-based page index", examples = "0")
        int page,
        @Schema(description = "Page size", examples = "50")
        int size,
        @Schema(description = "Number of tenants in all pages", examples = "1")
        long total) {
}
