package dev.latchkey.rbac.role;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
@Tag(name = RbacServiceApi.ROLES)
@SecurityRequirement(name = RbacServiceApi.BEARER)
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
    @Operation(operationId = "listTenantRoles", summary = "List the roles usable in the tenant, strongest first",
            description = "Needs roles.read. The global roles and the tenant's own.")
    @APIResponse(responseCode = "200", description = "The roles usable in the tenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RoleResponse.class)))
    public Uni<List<RoleResponse>> list(@PathParam("tenantId") UUID tenantId) {
        return roles.listUsable(tenantId, caller.claims());
    }

    @POST
    @Operation(operationId = "createTenantRole", summary = "Create a role of the tenant's own",
            description = "Needs roles.write. Never stronger than the caller's strongest role (the level rule), and "
                    + "only permissions the caller holds.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new role",
            headers = @Header(name = "Location", description = "The new role's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
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
    @Operation(operationId = "getTenantRole", summary = "Get a role usable in the tenant",
            description = "Needs roles.read. A global role or one of the tenant's own.")
    @APIResponse(responseCode = "200", description = "The role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    public Uni<RoleResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId) {
        return roles.get(tenantId, roleId, caller.claims());
    }

    @PATCH
    @Path("{roleId}")
    @Operation(operationId = "updateTenantRole", summary = "Change a role of the tenant's own",
            description = "Needs roles.write; the role as it is and as it will be within the caller's reach. Absent "
                    + "fields stay as they are; the key never changes.")
    @APIResponse(responseCode = "200", description = "The changed role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RoleResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId,
            @Valid @NotNull UpdateRoleRequest request) {
        return roles.update(tenantId, roleId, request, caller.claims());
    }

    @DELETE
    @Path("{roleId}")
    @Operation(operationId = "deleteTenantRole", summary = "Delete a role of the tenant's own",
            description = "Needs roles.write and reach over the role; its assignments go with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId, @PathParam("roleId") UUID roleId) {
        return roles.delete(tenantId, roleId, caller.claims());
    }
}
