package dev.latchkey.common.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One committed change, as the change feed delivers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(
        @Schema(description = "Position in the feed; strictly increasing in commit order", examples = "42") long cursor,
        @Schema(description = "What changed", examples = "membership.removed") String type,
        @Schema(description = "The tenant it belongs to; absent for global changes") UUID tenantId,
        @Schema(description = "Ids and values that describe the change; never a secret",
                examples = "{\"userId\": \"auth0|6512f0c1\"}") Map<String, Object> data,
        @Schema(description = "Commit instant") Instant at) {

    private static final ObjectMapper DATA = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The catalogued type; empty for a type this build does not know (a newer publisher): skip it. */
    public Optional<ChangeType> kind() {
        return ChangeType.of(type);
    }

    /** The data as the record its type declares ({@link ChangeType#payload}). */
    public <T extends Record> T payload(Class<T> as) {
        return DATA.convertValue(data == null ? Map.of() : data, as);
    }
}
