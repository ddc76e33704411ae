package dev.latchkey.auth.changefeed;

import dev.latchkey.common.changefeed.ChangeFeed;
import dev.latchkey.common.changefeed.ChangeFeedEndpoint;
import dev.latchkey.common.internal.ServiceCredentialFilter;
import io.quarkus.runtime.Startup;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * auth-service's change feed: what other services must learn from auth-service. Change types:
 * {@code jwt.revoked} (a JWT revoked at /oauth/revoke, announced by a trigger on revoked_jwt).
 */
// Started with the service, so the LISTEN connection is up before the first long poll arrives.
@Startup
@Path(ChangeFeedEndpoint.PATH)
@Tag(name = "internal")
@SecurityScheme(securitySchemeName = "service", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = ServiceCredentialFilter.HEADER, description = "The shared service credential from configuration")
@SecurityRequirement(name = "service")
public class ChangeFeedResource extends ChangeFeedEndpoint {

    public ChangeFeedResource(ChangeFeed feed) {
        super(feed);
    }
}
