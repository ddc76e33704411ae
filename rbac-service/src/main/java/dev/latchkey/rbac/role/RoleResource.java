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

/** Global roles: readable by every caller, changed by the vendor only. */
@Path(RoleResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.ROLES)
@SecurityRequirement(name = RbacServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RoleResource {

    public static final String PATH = "/roles";

    private final RoleService roles;
    private final Caller caller;

    public RoleResource(RoleService roles, Caller caller) {
        this.roles = roles;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listRoles", summary = "List global roles, strongest first",
            description = "The vendor's roles, usable in every tenant; any authenticated caller may read them.")
    @APIResponse(responseCode = "200", description = "The global roles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RoleResponse.class)))
    public Uni<List<RoleResponse>> list() {
        return roles.listGlobal();
    }

    @POST
    @Operation(operationId = "createRole", summary = "Create a global role (vendor only)",
            description = "A role usable in every tenant, with a level (0 is the strongest) and permission keys or "
                    + "wildcards.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new role",
            headers = @Header(name = "Location", description = "The new role's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    @APIResponse(responseCode = "403", description = "Only the vendor may do this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreateRoleRequest request, @Context UriInfo uri) {
        return roles.create(null, request, caller.claims(), caller.subject())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Path("{roleId}")
    @Operation(operationId = "getRole", summary = "Get a global role",
            description = "Any authenticated caller may read global roles.")
    @APIResponse(responseCode = "200", description = "The role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    @APIResponse(responseCode = "404", description = "No such global role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RoleResponse> get(@PathParam("roleId") UUID roleId) {
        return roles.get(null, roleId, caller.claims());
    }

    @PATCH
    @Path("{roleId}")
    @Operation(operationId = "updateRole", summary = "Change a global role (vendor only)",
            description = "Absent fields stay as they are; the key never changes. Tokens and users holding the role "
                    + "get its new permissions at once.")
    @APIResponse(responseCode = "200", description = "The changed role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown permission",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only the vendor may do this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such global role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RoleResponse> update(@PathParam("roleId") UUID roleId, @Valid @NotNull UpdateRoleRequest request) {
        return roles.update(null, roleId, request, caller.claims());
    }

    @DELETE
    @Path("{roleId}")
    @Operation(operationId = "deleteRole", summary = "Delete a global role (vendor only); built-in roles stay",
            description = "Every assignment of the role goes with it, in every tenant.")
    @APIResponse(responseCode = "204", description = "Deleted; every assignment of it is gone")
    @APIResponse(responseCode = "403", description = "Only the vendor may do this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A built-in role cannot be deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such global role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("roleId") UUID roleId) {
        return roles.delete(null, roleId, caller.claims());
    }
}
