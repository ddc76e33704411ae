package dev.latchkey.token.rbac;

import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.common.idp.UserSession;
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

/** rbac-service's internal decisions and change feed (docs/api/rbac-service.openapi.yaml, tag "internal"). */
@RegisterRestClient(configKey = "rbac-service")
@Path("/internal")
@ClientHeaderParam(name = ServiceCredentialFilter.HEADER, value = "${latchkey.internal.credential}")
public interface RbacClient {

    record GrantQuestion(CallerClaims caller, List<UUID> roleIds, List<String> permissions) {
    }

    record GrantAnswer(boolean allowed, List<GrantRefusal> refusals) {
    }

    record RoleRef(UUID id, String key, int level) {
    }

    record UserAccess(UUID tenantId, String userId, boolean member, Integer level, List<RoleRef> roles,
            List<String> permissions) {
    }

    @POST
    @Path("user-sessions")
    Uni<UserSession> openUserSession(UserSession.Question question);

    @POST
    @Path("tenants/{tenantId}/grant-checks")
    Uni<GrantAnswer> grantCheck(@PathParam("tenantId") UUID tenantId, GrantQuestion question);

    @GET
    @Path("tenants/{tenantId}/users/{userId}/access")
    Uni<UserAccess> userAccess(@PathParam("tenantId") UUID tenantId, @PathParam("userId") String userId);

}
