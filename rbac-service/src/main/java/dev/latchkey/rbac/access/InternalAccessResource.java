package dev.latchkey.rbac.access;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.rbac.RbacServiceApi;
import dev.latchkey.rbac.access.api.GrantCheckRequest;
import dev.latchkey.rbac.access.api.GrantCheckResponse;
import dev.latchkey.rbac.access.api.RolePermissionsRequest;
import dev.latchkey.rbac.access.api.RolePermissionsResponse;
import dev.latchkey.rbac.access.api.UserAccessResponse;
import dev.latchkey.rbac.member.MembershipResource;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The decisions the other services ask for. Internal: requires the service credential. */
@Path(InternalAccessResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RbacServiceApi.INTERNAL)
@SecurityRequirement(name = RbacServiceApi.SERVICE)
@APIResponse(responseCode = "401", description = "Missing or wrong service credential",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such tenant",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InternalAccessResource {

    public static final String PATH = "/internal/tenants/{tenantId}";

    private final DecisionService decisions;

    public InternalAccessResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @GET
    @Path("users/{userId}/access")
    @Operation(operationId = "getUserAccess",
            summary = "A user's current roles, expanded permissions and strongest level in the tenant",
            description = "For token-service: what a personal token of the user may act with now.")
    @APIResponse(responseCode = "200", description = "The user's access",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserAccessResponse.class)))
    @APIResponse(responseCode = "400", description = "userId is not a valid subject id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UserAccessResponse> userAccess(@PathParam("tenantId") UUID tenantId,
            @PathParam("userId") @Pattern(regexp = MembershipResource.USER_ID) String userId) {
        return decisions.userAccess(tenantId, userId);
    }

    @POST
    @Path("grant-checks")
    @Operation(operationId = "checkGrant",
            summary = "May the caller give these roles and permissions? Says which are refused and why",
            description = "The level and permission rules, decided here for token-service.")
    @APIResponse(responseCode = "200", description = "The answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GrantCheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<GrantCheckResponse> grantCheck(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull GrantCheckRequest request) {
        return decisions.grantCheck(tenantId, request);
    }

    @POST
    @Path("role-permissions")
    @Operation(operationId = "resolveRolePermissions",
            summary = "The permissions roles (and permission patterns) grant now, expanded: a token's rights at exchange time",
            description = "For auth-service and token-service: wildcards are expanded to registered keys; ids that "
                    + "are no role of the tenant are listed apart.")
    @APIResponse(responseCode = "200", description = "What the roles grant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RolePermissionsResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RolePermissionsResponse> rolePermissions(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull RolePermissionsRequest request) {
        return decisions.rolePermissions(tenantId, request.roleIds(),
                request.permissions() == null ? List.of() : request.permissions());
    }
}
