package dev.latchkey.token.usage.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A batch from auth-service: tokens used since the last batch, and failed uses",
        examples = UsageReport.EXAMPLE)
public record UsageReport(
        @Size(max = 10_000) List<@NotNull @Valid Use> used,
        @Size(max = 10_000) List<@NotNull @Valid Failure> failures) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"used": [{"tokenId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "at": "2026-11-28T18:00:00Z"}],
             "failures": [{"clientId": "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc", "reason": "MISMATCH",
             "at": "2026-11-28T18:00:00Z", "source": "203.0.113.7"}]}""";

    @Schema(description = "The last successful use of a token in the batch")
    public record Use(@NotNull UUID tokenId, @NotNull Instant at) {
    }

    @Schema(description = "A refused use: the token when it is known, never the presented secret")
    public record Failure(
            UUID tokenId,
            @Schema(description = "The presented client id, when one was") @Size(max = 200) String clientId,
            @Schema(examples = "MISMATCH") @NotNull @Size(max = 64) String reason,
            @NotNull Instant at,
            @Schema(description = "The caller's address", examples = "203.0.113.7") @Size(max = 100) String source) {
    }
}
