package dev.latchkey.token.token.api;

import dev.latchkey.common.api.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A {@link Page} of tokens under its own name, so that generated clients get a {@code TokenPage} model. */
@Schema(name = "TokenPage", description = "One page of tokens, newest first; never a secret",
        examples = TokenPage.EXAMPLE)
public record TokenPage(
        List<TokenResponse> items,
        @Schema(description = "Zero-based page index", examples = "0") int page,
        @Schema(description = "Page size", examples = "50") int size,
        @Schema(description = "Number of tokens in all pages", examples = "1") long total) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"items\": [" + TokenResponse.EXAMPLE
            + "], \"page\": 0, \"size\": 50, \"total\": 1}";

    public static TokenPage of(Page<TokenResponse> page) {
        return new TokenPage(page.items(), page.page(), page.size(), page.total());
    }
}
