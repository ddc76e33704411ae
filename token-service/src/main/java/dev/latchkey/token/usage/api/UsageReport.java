package dev.latchkey.token.usage.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A batch from auth-service: tokens used since the last batch, and failed uses")
public record UsageReport(
        @Size(max = 10_000) List<@NotNull @Valid Use> used,
        @Size(max = 10_000) List<@NotNull @Valid Failure> failures) {

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
