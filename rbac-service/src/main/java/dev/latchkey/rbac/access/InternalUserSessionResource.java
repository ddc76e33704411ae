package dev.latchkey.rbac.access;

import dev.latchkey.common.idp.UserSession;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** token-service's question for a user signed in through a vendor identity provider. Internal: the service credential. */
@Path("/internal/user-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.INTERNAL)
@SecurityRequirement(name = RbacServiceApi.SERVICE)
public class InternalUserSessionResource {

    private final UserSessions sessions;

    public InternalUserSessionResource(UserSessions sessions) {
        this.sessions = sessions;
    }

    @POST
    @Operation(operationId = "openUserSession",
            summary = "A user's live roles and permissions in the tenant its identity provider's token names",
            description = "The tenant by id or by external id; none that exists gives a session in no tenant. A user "
                    + "who is no member joins with joinWithRoles when that is given (the provider allows just-in-time "
                    + "membership), else stays no member.")
    @APIResponse(responseCode = "200", description = "The user's standing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserSession.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong service credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserSession> open(@Valid @NotNull UserSession.Question question) {
        return sessions.open(question);
    }
}
