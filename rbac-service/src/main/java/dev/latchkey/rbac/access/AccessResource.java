package dev.latchkey.rbac.access;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.access.api.CallerAccessResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own rights in a tenant, for a page that must show exactly what the rules allow. It needs no permission:
 * it tells a caller only about itself.
 */
@Path(AccessResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.ACCESS)
@SecurityRequirement(name = RbacServiceApi.BEARER)
public class AccessResource {

    public static final String PATH = "/tenants/{tenantId}/access";

    private final DecisionService decisions;
    private final Caller caller;

    public AccessResource(DecisionService decisions, Caller caller) {
        this.decisions = decisions;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getCallerAccess",
            summary = "The caller's own roles, permissions, level and the roles it may give, in the tenant",
            description = "Needs no permission: a caller of the tenant (or the vendor) learns its own effective "
                    + "rights, after the token's narrowing and the JWT's scope, and which roles usable in the tenant "
                    + "it may put on a tenant token, decided by the same rules as the create. Another tenant's id "
                    + "answers 404, as a missing one.")
    @APIResponse(responseCode = "200", description = "The caller's access",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallerAccessResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant (another tenant's id answers the same)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallerAccessResponse> get(@PathParam("tenantId") UUID tenantId) {
        return decisions.callerAccess(caller.claims(), tenantId);
    }
}
