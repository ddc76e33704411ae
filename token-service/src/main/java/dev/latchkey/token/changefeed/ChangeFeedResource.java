package dev.latchkey.token.changefeed;

import dev.latchkey.common.changefeed.ChangeFeed;
import dev.latchkey.common.changefeed.ChangeFeedEndpoint;
import dev.latchkey.token.TokenServiceApi;
import io.quarkus.runtime.Startup;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * token-service's change feed, for auth-service's in-memory credential state. Change types:
 * {@code token.created|updated|rolled|deleted|expired} (data: tokenId, type, context, userId, clientId, roleIds,
 * permissionIds, expiresAt; never a secret or a hash) and {@code settings.updated} (data: scope).
 */
// Started with the service, so the LISTEN connection is up before the first long poll arrives.
@Startup
@Path(ChangeFeedEndpoint.PATH)
@Tag(name = TokenServiceApi.INTERNAL)
@SecurityRequirement(name = TokenServiceApi.SERVICE)
public class ChangeFeedResource extends ChangeFeedEndpoint {

    public ChangeFeedResource(ChangeFeed feed) {
        super(feed);
    }
}
