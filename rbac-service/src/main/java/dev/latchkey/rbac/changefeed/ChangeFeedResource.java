package dev.latchkey.rbac.changefeed;

import dev.latchkey.common.changefeed.ChangeFeed;
import dev.latchkey.common.changefeed.ChangePage;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * rbac-service's change feed: tenants, memberships, role assignments, roles, permissions. Change types:
 * {@code tenant.created|updated|deleted}, {@code membership.added|removed|roles-changed},
 * {@code role.created|updated|deleted}, {@code permission.created}.
 */
// Started with the service, so the LISTEN connection is up before the first long poll arrives.
@Startup
@Path(ChangeFeedResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
@SecurityRequirement(name = "service")
public class ChangeFeedResource {

    public static final String PATH = "/internal/changes";

    private final ChangeFeed feed;

    public ChangeFeedResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
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
