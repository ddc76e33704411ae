package dev.latchkey.rbac.access;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.access.api.CallerResponse;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is: how a page signed in through the vendor's identity provider learns the Latchkey tenant its
 * user acts in, when the provider's token names the tenant by the vendor's own key.
 */
@Path("/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.ACCESS)
@SecurityRequirement(name = RbacServiceApi.BEARER)
public class MeResource {

    private final Caller caller;

    public MeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getCaller", summary = "Who the caller is: its tenant, user and identity provider",
            description = "Needs no permission: it tells a caller only about itself.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallerResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CallerResponse get() {
        CallerClaims claims = caller.claims();
        return new CallerResponse(claims.tenantId(), claims.userId(), claims.vendor(), caller.identityProvider());
    }
}
