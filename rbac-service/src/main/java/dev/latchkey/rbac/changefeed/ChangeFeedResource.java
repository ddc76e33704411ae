package dev.latchkey.rbac.changefeed;

import dev.latchkey.common.changefeed.ChangeFeed;
import dev.latchkey.common.changefeed.ChangeFeedEndpoint;
import dev.latchkey.rbac.RbacServiceApi;
import io.quarkus.runtime.Startup;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * rbac-service's change feed: tenants, memberships, role assignments, roles, permissions. Change types:
 * {@code tenant.created|updated|deleted}, {@code membership.added|removed|roles-changed},
 * {@code role.created|updated|deleted}, {@code permission.created}.
 */
// Started with the service, so the LISTEN connection is up before the first long poll arrives.
@Startup
@Path(ChangeFeedEndpoint.PATH)
@Tag(name = RbacServiceApi.INTERNAL)
@SecurityRequirement(name = RbacServiceApi.SERVICE)
public class ChangeFeedResource extends ChangeFeedEndpoint {

    public ChangeFeedResource(ChangeFeed feed) {
        super(feed);
    }
}
