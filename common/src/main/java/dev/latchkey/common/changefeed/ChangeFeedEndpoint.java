package dev.latchkey.common.changefeed;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /internal/changes}: a service that publishes changes extends this with its {@code @Path} (ADR 0006).
 * Internal: the service credential is required (common ServiceCredentialFilter).
 */
public abstract class ChangeFeedEndpoint {

    public static final String PATH = "/internal/changes";

    private final ChangeFeed feed;

    protected ChangeFeedEndpoint(ChangeFeed feed) {
        this.feed = feed;
    }

    /** For the client proxy CDI makes of an intercepted (validated) bean; never used to serve a request. */
    protected ChangeFeedEndpoint() {
        this(null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes after a cursor, oldest first; waits up to 'wait' seconds for one when there is none")
    public Uni<ChangePage> changes(
            @Parameter(description = "The cursor of the last change seen; 0 for the beginning")
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @Parameter(description = "Seconds to wait for a change when there is none (long poll)")
            @QueryParam("wait") @DefaultValue("0") @Min(0) @Max(60) int wait,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return feed.read(after, Duration.ofSeconds(wait), limit);
    }
}
