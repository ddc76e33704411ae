package dev.latchkey.rbac.permission;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.permission.api.CreatePermissionRequest;
import dev.latchkey.rbac.permission.api.PermissionResponse;
import dev.latchkey.common.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(PermissionResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.PERMISSIONS)
@SecurityRequirement(name = RbacServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PermissionResource {

    public static final String PATH = "/permissions";

    private final PermissionService permissions;
    private final Caller caller;

    public PermissionResource(PermissionService permissions, Caller caller) {
        this.permissions = permissions;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listPermissions", summary = "List every permission key, built-in and the vendor's",
            description = "Any authenticated caller may read them.")
    @APIResponse(responseCode = "200", description = "Every permission key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PermissionResponse.class)))
    public Uni<List<PermissionResponse>> list() {
        return permissions.list();
    }

    @GET
    @Path("{key}")
    @Operation(operationId = "getPermission", summary = "Get one permission key",
            description = "Any authenticated caller may read it.")
    @APIResponse(responseCode = "200", description = "The permission",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PermissionResponse.class)))
    @APIResponse(responseCode = "400", description = "The key is not a valid permission key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PermissionResponse> get(@PathParam("key") String key) {
        return permissions.get(key);
    }

    @POST
    @Operation(operationId = "createPermission", summary = "Add a permission key (vendor only)",
            description = "A dotted lower-case key the vendor's own APIs check; roles and tokens may then grant it.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new key",
            headers = @Header(name = "Location", description = "The new key's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PermissionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only the vendor may do this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreatePermissionRequest request, @Context UriInfo uri) {
        caller.requireVendor();
        return permissions.create(request.key(), request.description())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.key()).build())
                        .entity(created).build());
    }
}
