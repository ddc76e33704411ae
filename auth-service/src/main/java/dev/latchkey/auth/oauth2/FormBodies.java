package dev.latchkey.auth.oauth2;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The OAuth endpoints take {@code application/x-www-form-urlencoded} (RFC 6749 section 3.2, RFC 7662, RFC 7009). A
 * client that sends JSON or nothing at all gets the OAuth answer it can parse, {@code invalid_request}, instead of
 * the framework's 415 problem: one rule, before routing, for every POST under {@code /oauth/}.
 */
@Singleton
public class FormBodies {

    static final String PREFIX = "/oauth/";

    @ServerRequestFilter(preMatching = true)
    public Response requireForm(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith(PREFIX)) {
            return null;
        }
        MediaType type = request.getMediaType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            return null;
        }
        return OAuthError.invalidRequest("Send the parameters as application/x-www-form-urlencoded").toResponse();
    }
}
