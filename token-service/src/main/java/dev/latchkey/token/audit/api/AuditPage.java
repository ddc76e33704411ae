package dev.latchkey.token.audit.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of audit entries under its own name, so that generated clients get an {@code AuditPage} model. */
@Schema(name = "AuditPage", description = "One page of the audit log, newest first", examples = AuditPage.EXAMPLE)
public record AuditPage(
        List<AuditEntry> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of entries in all pages", examples = "1") long total) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"items\": [" + AuditEntry.EXAMPLE
            + "], \"page\": 0, \"size\": 50, \"total\": 1}";

    public static AuditPage of(Page<AuditEntry> page) {
        return new AuditPage(page.items(), page.page(), page.size(), page.total());
    }
}
