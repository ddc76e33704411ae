package dev.latchkey.rbac.tenant;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.caller.Caller;
import dev.latchkey.rbac.tenant.api.CreateTenantRequest;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.access.AccessService;
import dev.latchkey.rbac.tenant.api.TenantPage;
import dev.latchkey.rbac.tenant.api.TenantResponse;
import dev.latchkey.rbac.tenant.api.UpdateTenantRequest;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(TenantResource.PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.TENANTS)
@SecurityRequirement(name = RbacServiceApi.BEARER)
@APIResponse(responseCode = "401", description = "Missing, forged or expired bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Only the vendor may do this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantResource {

    public static final String PATH = "/tenants";

    private final TenantService tenants;
    private final Caller caller;

    public TenantResource(TenantService tenants, Caller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createTenant", summary = "Create a tenant (vendor only)",
            description = "A new customer account, announced on the change feed. Its users, roles and tokens are "
                    + "added with the tenant's id.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new tenant",
            headers = @Header(name = "Location", description = "The new tenant's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreateTenantRequest request, @Context UriInfo uri) {
        caller.requireVendor();
        return tenants.create(request.name(), request.metadata(), request.externalId(), caller.subject())
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Operation(operationId = "listTenants", summary = "List tenants, newest first (vendor only)",
            description = "Pages are zero-based; a page past the end is empty.")
    @APIResponse(responseCode = "200", description = "One page of tenants",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantPage> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        caller.requireVendor();
        return tenants.list(page, size).map(TenantPage::of);
    }

    @GET
    @Path("{tenantId}")
    @Operation(operationId = "getTenant", summary = "Get one tenant",
            description = "The vendor, or any caller of that tenant; another tenant's id answers 404.")
    @APIResponse(responseCode = "200", description = "The tenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "404", description = "No such tenant (another tenant's id answers the same)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> get(@PathParam("tenantId") UUID tenantId) {
        requireVisible(tenantId);
        return tenants.get(tenantId);
    }

    @PATCH
    @Path("{tenantId}")
    @Operation(operationId = "updateTenant", summary = "Rename a tenant or replace its metadata (vendor only)",
            description = "Absent fields stay as they are.")
    @APIResponse(responseCode = "200", description = "The changed tenant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TenantResponse> update(@PathParam("tenantId") UUID tenantId, @Valid @NotNull UpdateTenantRequest request) {
        requireVisible(tenantId);
        caller.requireVendor();
        return tenants.update(tenantId, request);
    }

    @DELETE
    @Path("{tenantId}")
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant, its memberships and roles (vendor only; final)",
            description = "Announced on the change feed: token-service ends every token of the tenant. There is no undo.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("tenantId") UUID tenantId) {
        requireVisible(tenantId);
        caller.requireVendor();
        return tenants.delete(tenantId);
    }

    /** Another tenant's id is "not found" for a tenant's caller, exactly as a missing one. */
    private void requireVisible(UUID tenantId) {
        if (!caller.isVendor() && !tenantId.equals(caller.claims().tenantId())) {
            throw AccessService.tenantNotFound(tenantId);
        }
    }
}
