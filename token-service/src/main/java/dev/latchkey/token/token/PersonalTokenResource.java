package dev.latchkey.token.token;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.token.TokenServiceApi;
import dev.latchkey.token.audit.ActorResolver;
import dev.latchkey.token.token.api.CreateTokenRequest;
import dev.latchkey.token.token.api.CreatedTokenResponse;
import dev.latchkey.token.token.api.RollRequest;
import dev.latchkey.token.token.api.TokenPage;
import dev.latchkey.token.token.api.TokenResponse;
import dev.latchkey.token.token.api.UpdateTokenRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tokens of one user in one tenant: they act with the user's current roles (or a subset) and die with the membership.
 * The same operations as {@link TenantTokenResource}, declared here again so that each has its own id and
 * description in the contract.
 */
@Path(PersonalTokenResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TokenServiceApi.TOKENS)
@SecurityRequirement(name = TokenServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission, or the level or permission rule refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant or token (another tenant's or another user's id answers the same)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonalTokenResource {

    public static final String PATH = "/tenants/{tenantId}/personal-tokens";

    private final ApiTokenService tokens;
    private final Caller caller;
    private final ActorResolver actor;

    public PersonalTokenResource(ApiTokenService tokens, Caller caller, ActorResolver actor) {
        this.tokens = tokens;
        this.caller = caller;
        this.actor = actor;
    }

    @POST
    @Operation(operationId = "createPersonalToken", summary = "Create a personal token for the calling user; the response holds its secret, this once",
            description = "Needs tokens.personal.write and a caller that is a user. Without roleIds the token acts with "
                    + "all of the user's current roles; with roleIds, with that subset of them (never more than the "
                    + "user holds now). The secret (clientSecret or accessKey) is in this response only.")
    @APIResponse(responseCode = "201", description = "Created; Location names the token",
            headers = @Header(name = "Location", description = "The new token's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, a role the user does not hold, or not allowed by the settings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateTokenRequest request,
            @Context UriInfo uri) {
        return tokens.create(tenantId, TokenContext.PERSONAL, request, caller.claims(), actor.actor())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.token().id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Operation(operationId = "listPersonalTokens", summary = "List personal tokens, newest first: the caller's own, or another user's; never a secret",
            description = "Needs tokens.personal.read. Without userId: the calling user's tokens. With another user's "
                    + "id: needs users.write and reach over that user's roles. Pages are zero-based; a page past the "
                    + "end is empty.")
    @APIResponse(responseCode = "200", description = "One page of tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPage.class)))
    @APIResponse(responseCode = "400", description = "page, size or userId out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPage> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size,
            @Parameter(description = "Whose tokens; absent: the calling user's")
            @QueryParam("userId") @Size(min = 1, max = 200) String userId) {
        return tokens.list(tenantId, TokenContext.PERSONAL, userId, page, size, caller.claims()).map(TokenPage::of);
    }

    @GET
    @Path("{tokenId}")
    @Operation(operationId = "getPersonalToken", summary = "Get a personal token; never its secret",
            description = "Needs tokens.personal.read; the owner, or a caller with users.write who reaches the "
                    + "owner's roles.")
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    public Uni<TokenResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.get(tenantId, TokenContext.PERSONAL, tokenId, caller.claims());
    }

    @PATCH
    @Path("{tokenId}")
    @Operation(operationId = "updatePersonalToken",
            summary = "Change a personal token's description, roles or metadata; the secret stays",
            description = "Needs tokens.personal.write; the owner only. roleIds stays a subset of the user's roles. "
                    + "Absent fields stay as they are.")
    @APIResponse(responseCode = "200", description = "The changed token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, or a role the user does not hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @Valid @NotNull UpdateTokenRequest request) {
        return tokens.update(tenantId, TokenContext.PERSONAL, tokenId, request, caller.claims(), actor.actor());
    }

    @POST
    @Path("{tokenId}/roll")
    @Operation(operationId = "rollPersonalToken",
            summary = "Roll a personal token's secret: a new one, shown once; the old one works for the grace period only",
            description = "Needs tokens.personal.write; the owner only. Without a body, or with "
                    + "gracePeriodMinutes 0, the old secret stops at once.")
    @APIResponse(responseCode = "200", description = "The token with its new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid grace period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreatedTokenResponse> roll(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @RequestBody(required = false) @Valid RollRequest request) {
        return tokens.roll(tenantId, TokenContext.PERSONAL, tokenId, RollRequest.graceMinutes(request), caller.claims(),
                actor.actor());
    }

    @DELETE
    @Path("{tokenId}")
    @Operation(operationId = "deletePersonalToken", summary = "Delete a personal token: final, and refused everywhere within a second",
            description = "Needs tokens.personal.delete; the owner, or a caller with users.write who reaches the "
                    + "owner's roles. There is no undo.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.delete(tenantId, TokenContext.PERSONAL, tokenId, caller.claims(), actor.actor());
    }
}
