package dev.latchkey.token.audit.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of audit entries under its own name, so that generated clients get an {@code AuditPage} model. */
@Schema(name = "AuditPage", description = "One page of the audit log, newest first")
public record AuditPage(
        List<AuditEntry> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of entries in all pages", examples = "1") long total) {

    public static AuditPage of(Page<AuditEntry> page) {
        return new AuditPage(page.items(), page.page(), page.size(), page.total());
    }
}
