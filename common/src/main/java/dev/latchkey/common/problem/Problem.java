package dev.latchkey.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document, the body of every 4xx and 5xx of the management APIs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable URI naming the kind of error", examples = "urn:latchkey:problem:validation")
        String type,
        @Schema(description = "Short human summary of the kind of error", examples = "Invalid request")
        String title,
        @Schema(description = "HTTP status", examples = "400")
        int status,
        @Schema(description = "What went wrong with this request", examples = "name: must not be blank")
        String detail,
        @Schema(description = "For validation errors: each offending field")
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:latchkey:problem:";

    @Schema(name = "Violation", description = "One invalid field")
    public record Violation(
            @Schema(description = "The field, as a JSON path below the body, or the parameter name", examples = "name")
            String field,
            @Schema(description = "What is wrong with it", examples = "must not be blank")
            String message) {
    }

    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, null);
    }
}
