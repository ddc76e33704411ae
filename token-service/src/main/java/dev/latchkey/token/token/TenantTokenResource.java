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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tokens owned by the tenant: their roles or permissions are chosen at creation, within the creator's reach.
 * Shares its operations with {@link PersonalTokenResource} through {@link ApiTokenService}; each resource declares its
 * own, so that every operation has its own id and description in the contract.
 */
@Path(TenantTokenResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TokenServiceApi.TOKENS)
@SecurityRequirement(name = TokenServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission, or the level or permission rule refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant or token (another tenant's id answers the same)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantTokenResource {

    public static final String PATH = "/tenants/{tenantId}/tokens";

    private final ApiTokenService tokens;
    private final Caller caller;
    private final ActorResolver actor;

    public TenantTokenResource(ApiTokenService tokens, Caller caller, ActorResolver actor) {
        this.tokens = tokens;
        this.caller = caller;
        this.actor = actor;
    }

    @POST
    @Operation(operationId = "createTenantToken", summary = "Create a tenant token; the response holds its secret, this once",
            description = "Needs tokens.tenant.write. The token acts with roleIds or with permissionIds (not both), each "
                    + "within the caller's reach: roles no stronger than the caller's strongest (the level rule), "
                    + "permissions the caller holds. The secret (clientSecret or accessKey) is in this response only.")
    @APIResponse(responseCode = "201", description = "Created; Location names the token",
            headers = @Header(name = "Location", description = "The new token's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown role or permission, or not allowed by the settings",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateTokenRequest request,
            @Context UriInfo uri) {
        return tokens.create(tenantId, TokenContext.TENANT, request, caller.claims(), actor.actor())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.token().id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Operation(operationId = "listTenantTokens", summary = "List the tenant's tokens, newest first; never a secret",
            description = "Needs tokens.tenant.read. Pages are zero-based; a page past the end is empty.")
    @APIResponse(responseCode = "200", description = "One page of tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPage> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return tokens.list(tenantId, TokenContext.TENANT, null, page, size, caller.claims()).map(TokenPage::of);
    }

    @GET
    @Path("{tokenId}")
    @Operation(operationId = "getTenantToken", summary = "Get a tenant token; never its secret",
            description = "Needs tokens.tenant.read.")
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    public Uni<TokenResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.get(tenantId, TokenContext.TENANT, tokenId, caller.claims());
    }

    @PATCH
    @Path("{tokenId}")
    @Operation(operationId = "updateTenantToken",
            summary = "Change a tenant token's description, roles, permissions or metadata; the secret stays",
            description = "Needs tokens.tenant.write, and reach over the token as it is and as it will be (the level "
                    + "and permission rules apply again). Absent fields stay as they are.")
    @APIResponse(responseCode = "200", description = "The changed token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown role or permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @Valid @NotNull UpdateTokenRequest request) {
        return tokens.update(tenantId, TokenContext.TENANT, tokenId, request, caller.claims(), actor.actor());
    }

    @POST
    @Path("{tokenId}/roll")
    @Operation(operationId = "rollTenantToken",
            summary = "Roll a tenant token's secret: a new one, shown once; the old one works for the grace period only",
            description = "Needs tokens.tenant.write and reach over the token. Without a body, or with "
                    + "gracePeriodMinutes 0, the old secret stops at once.")
    @APIResponse(responseCode = "200", description = "The token with its new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid grace period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreatedTokenResponse> roll(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId,
            @RequestBody(required = false) @Valid RollRequest request) {
        return tokens.roll(tenantId, TokenContext.TENANT, tokenId, RollRequest.graceMinutes(request), caller.claims(),
                actor.actor());
    }

    @DELETE
    @Path("{tokenId}")
    @Operation(operationId = "deleteTenantToken", summary = "Delete a tenant token: final, and refused everywhere within a second",
            description = "Needs tokens.tenant.delete and reach over the token. There is no undo.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId, @PathParam("tokenId") UUID tokenId) {
        return tokens.delete(tenantId, TokenContext.TENANT, tokenId, caller.claims(), actor.actor());
    }
}
