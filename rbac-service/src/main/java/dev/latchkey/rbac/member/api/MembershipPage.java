package dev.latchkey.rbac.member.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of memberships under its own name, so that generated clients get a {@code MembershipPage} model. */
@Schema(name = "MembershipPage", description = "One page of a tenant's users, newest first",
        examples = MembershipPage.EXAMPLE)
public record MembershipPage(
        List<MemberResponse> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of users in all pages", examples = "1") long total) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"items\": [" + MemberResponse.EXAMPLE
            + "], \"page\": 0, \"size\": 50, \"total\": 1}";

    public static MembershipPage of(Page<MemberResponse> page) {
        return new MembershipPage(page.items(), page.page(), page.size(), page.total());
    }
}
