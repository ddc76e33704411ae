package dev.latchkey.token.token;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.audit.ActorResolver;
import dev.latchkey.token.token.api.CreateTokenRequest;
import dev.latchkey.token.token.api.CreatedTokenResponse;
import dev.latchkey.token.token.api.RollRequest;
import dev.latchkey.token.token.api.TokenResponse;
import dev.latchkey.token.token.api.UpdateTokenRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * What tenant tokens and personal tokens share: create, get, update, roll, delete, answered for the subclass's
 * context. Each subclass adds its list, whose filters differ.
 */
@Authenticated
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Invalid body, unknown role or permission, or not allowed by the settings",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission, or the level or permission rule refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant or token (another tenant's or user's id answers the same)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public abstract class TokenResource {

    protected final ApiTokenService tokens;
    protected final Caller caller;
    protected final ActorResolver actor;

    protected TokenResource(ApiTokenService tokens, Caller caller, ActorResolver actor) {
        this.tokens = tokens;
        this.caller = caller;
        this.actor = actor;
    }

    /** For the client proxy CDI makes of an intercepted (validated) bean; never used to serve a request. */
    protected TokenResource() {
        this(null, null, null);
    }

    protected abstract TokenContext context();

    @POST
    @Operation(summary = "Create a token; the response holds its secret, this once",
            description = "Tenant tokens: tokens.tenant.write, roleIds or permissionIds within the caller's reach. "
                    + "Personal tokens: the calling user's, tokens.personal.write, roleIds a subset of the user's roles.")
    @APIResponse(responseCode = "201", description = "Created; Location names the token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTokenResponse.class)))
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateTokenRequest request,
            @Context UriInfo uri) {
        return tokens.create(tenantId, context(), request, caller.claims(), actor.actor())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.token().id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Path("{tokenId}")
    @Operation(summary = "Get a token; never its secret",
            description = "Tenant tokens: tokens.tenant.read. Personal tokens: the owner, or a caller with users.write "
                    + "who reaches the owner's roles.")
    public Uni<TokenResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.get(tenantId, context(), tokenId, caller.claims());
    }

    @PATCH
    @Path("{tokenId}")
    @Operation(summary = "Change description, roles, permissions or metadata; the secret stays",
            description = "Tenant tokens: tokens.tenant.write and the level rule again. Personal tokens: the owner only.")
    public Uni<TokenResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @Valid @NotNull UpdateTokenRequest request) {
        return tokens.update(tenantId, context(), tokenId, request, caller.claims(), actor.actor());
    }

    @POST
    @Path("{tokenId}/roll")
    @Operation(summary = "Roll the secret: a new one, shown once; the old one works for the grace period only",
            description = "Tenant tokens: tokens.tenant.write. Personal tokens: the owner only.")
    public Uni<CreatedTokenResponse> roll(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @Valid RollRequest request) {
        int grace = request == null || request.gracePeriodMinutes() == null ? 0 : request.gracePeriodMinutes();
        return tokens.roll(tenantId, context(), tokenId, grace, caller.claims(), actor.actor());
    }

    @DELETE
    @Path("{tokenId}")
    @Operation(summary = "Delete a token: final, and refused everywhere within a second",
            description = "Tenant tokens: tokens.tenant.delete. Personal tokens: tokens.personal.delete, the owner or "
                    + "a caller with users.write who reaches the owner's roles.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.delete(tenantId, context(), tokenId, caller.claims(), actor.actor());
    }
}
