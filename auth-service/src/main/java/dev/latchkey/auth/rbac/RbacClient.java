package dev.latchkey.auth.rbac;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** rbac-service's internal API (docs/api/rbac-service.openapi.yaml, tag "internal"). */
@RegisterRestClient(configKey = "rbac-service")
@Path("/internal")
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface RbacClient {

    record RolePermissionsRequest(List<UUID> roleIds, List<String> permissions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RolePermissions(UUID id, String key, int level, List<String> permissions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RolePermissionsResponse(List<RolePermissions> roles, List<String> permissions, List<UUID> unknownRoleIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoleRef(UUID id, String key, int level) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserAccess(UUID tenantId, String userId, boolean member, Integer level, List<RoleRef> roles,
            List<String> permissions) {
    }

    @POST
    @Path("tenants/{tenantId}/role-permissions")
    Uni<RolePermissionsResponse> rolePermissions(@PathParam("tenantId") UUID tenantId, RolePermissionsRequest request);

    @GET
    @Path("tenants/{tenantId}/users/{userId}/access")
    Uni<UserAccess> userAccess(@PathParam("tenantId") UUID tenantId, @PathParam("userId") String userId);

}
