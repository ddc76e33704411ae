package dev.latchkey.rbac.role;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.role.api.CreateRoleRequest;
import dev.latchkey.rbac.role.api.RoleResponse;
import dev.latchkey.rbac.role.api.UpdateRoleRequest;
import dev.latchkey.common.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The roles usable in one tenant: the global ones (read-only here) and the tenant's own. */
@Path(TenantRoleResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "roles")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Missing permission, or the level or permission rule refused",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant or role (a foreign id answers the same)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantRoleResource {

    public static final String PATH = "/tenants/{tenantId}/roles";

    private final RoleService roles;
    private final Caller caller;

    public TenantRoleResource(RoleService roles, Caller caller) {
        this.roles = roles;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the roles usable in the tenant, strongest first (roles.read)")
    public Uni<List<RoleResponse>> list(@PathParam("tenantId") UUID tenantId) {
        return roles.listUsable(tenantId, caller.claims());
    }

    @POST
    @Operation(summary = "Create a tenant role (roles.write; never stronger than the caller, only permissions it holds)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken in this tenant (global keys included)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateRoleRequest request,
            @Context UriInfo uri) {
        return roles.create(tenantId, request, caller.claims(), caller.subject())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Path("{roleId}")
    @Operation(summary = "Get a role usable in the tenant (roles.read)")
    public Uni<RoleResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId) {
        return roles.get(tenantId, roleId, caller.claims());
    }

    @PATCH
    @Path("{roleId}")
    @Operation(summary = "Change a tenant role (roles.write; the role and its new level within the caller's reach)")
    public Uni<RoleResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId,
            @Valid @NotNull UpdateRoleRequest request) {
        return roles.update(tenantId, roleId, request, caller.claims());
    }

    @DELETE
    @Path("{roleId}")
    @Operation(summary = "Delete a tenant role (roles.write); its assignments go with it")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId) {
        return roles.delete(tenantId, roleId, caller.claims());
    }
}
