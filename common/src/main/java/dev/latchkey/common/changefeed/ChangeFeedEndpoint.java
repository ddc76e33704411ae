package dev.latchkey.common.changefeed;

import dev.latchkey.common.problem.Problem;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    @Operation(operationId = "listChanges",
            summary = "Changes after a cursor, oldest first; waits up to 'waitMs' milliseconds for one when there is none",
            description = "The change feed (ADR 0006): pass the cursor of the last change applied as 'after'; 'head' "
                    + "says where the feed stands. A follower sends a short 'waitMs' (its heartbeat): an answer, even an empty "
                    + "one, vouches that every change acknowledged before the request is in it (ADR 0016).")
    @APIResponse(responseCode = "200", description = "The changes after the cursor, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePage.class)))
    @APIResponse(responseCode = "400", description = "after, waitMs or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong service credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChangePage> changes(
            @Parameter(description = "The cursor of the last change seen; 0 for the beginning")
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @Parameter(description = "Milliseconds to wait for a change when there is none (long poll)")
            @QueryParam("waitMs") @DefaultValue("0") @Min(0) @Max(60_000) int waitMs,
            @Parameter(description = "At most this many changes")
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return feed.read(after, Duration.ofMillis(waitMs), limit);
    }
}
