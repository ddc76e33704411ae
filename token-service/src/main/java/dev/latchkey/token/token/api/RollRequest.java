package dev.latchkey.token.token.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Roll the secret: a new one is shown once; the old one works for the grace period, then never",
        examples = RollRequest.EXAMPLE)
public record RollRequest(
        @Schema(description = "Minutes the old secret keeps working (at most 7 days); absent or 0: it stops at once",
                examples = "60")
        @Min(0) @Max(10_080) Integer gracePeriodMinutes) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"gracePeriodMinutes": 60}""";

    /** The grace period of a roll whose body may be absent: none unless asked for. */
    public static int graceMinutes(RollRequest request) {
        return request == null || request.gracePeriodMinutes() == null ? 0 : request.gracePeriodMinutes();
    }
}
