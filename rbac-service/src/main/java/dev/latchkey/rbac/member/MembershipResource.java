package dev.latchkey.rbac.member;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.member.api.MemberResponse;
import dev.latchkey.rbac.member.api.MembershipPage;
import dev.latchkey.rbac.member.api.SetMemberRequest;
import dev.latchkey.common.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(MembershipResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.MEMBERSHIPS)
@SecurityRequirement(name = RbacServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission, or the level rule refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant or user (a foreign id answers the same)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MembershipResource {

    public static final String PATH = "/tenants/{tenantId}/users";
    /** An external subject id: 1 to 200 characters, no control characters. */
    public static final String USER_ID = "^[^\\p{Cntrl}]{1,200}$";

    private final MembershipService memberships;
    private final Caller caller;

    public MembershipResource(MembershipService memberships, Caller caller) {
        this.memberships = memberships;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listMemberships", summary = "List the tenant's users, newest first",
            description = "Needs users.read. Pages are zero-based; a page past the end is empty.")
    @APIResponse(responseCode = "200", description = "One page of the tenant's users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MembershipPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MembershipPage> list(@PathParam("tenantId") UUID tenantId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return memberships.list(tenantId, page, size, caller.claims()).map(MembershipPage::of);
    }

    @GET
    @Path("{userId}")
    @Operation(operationId = "getMembership", summary = "Get a user's membership and roles",
            description = "Needs users.read.")
    @APIResponse(responseCode = "200", description = "The membership",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    @APIResponse(responseCode = "400", description = "userId is not a valid subject id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MemberResponse> get(@PathParam("tenantId") UUID tenantId,
            @PathParam("userId") @Pattern(regexp = USER_ID) String userId) {
        return memberships.get(tenantId, userId, caller.claims());
    }

    @PUT
    @Path("{userId}")
    @Operation(operationId = "setMembership", summary = "Add a user to the tenant, or replace its roles",
            description = "Needs users.write; each role at or below the caller's strongest level (the level rule), "
                    + "for the roles given and the ones replaced. Personal tokens of the user follow its new roles.")
    @APIResponse(responseCode = "201", description = "Added",
            headers = @Header(name = "Location", description = "The membership's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    @APIResponse(responseCode = "200", description = "Roles replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or unknown role id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@PathParam("tenantId") UUID tenantId,
            @PathParam("userId") @Pattern(regexp = USER_ID) String userId,
            @Valid @NotNull SetMemberRequest request, @Context UriInfo uri) {
        return memberships.put(tenantId, userId, request.roleIds(), caller.claims(), caller.subject())
                .map(saved -> saved.created()
                        ? Response.created(uri.getAbsolutePath()).entity(saved.member()).build()
                        : Response.ok(saved.member()).build());
    }

    @DELETE
    @Path("{userId}")
    @Operation(operationId = "deleteMembership", summary = "Remove a user from the tenant; its personal tokens there die with it",
            description = "Needs users.write and reach over the user's roles. Announced on the change feed.")
    @APIResponse(responseCode = "400", description = "userId is not a valid subject id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> remove(@PathParam("tenantId") UUID tenantId,
            @PathParam("userId") @Pattern(regexp = USER_ID) String userId) {
        return memberships.remove(tenantId, userId, caller.claims());
    }
}
