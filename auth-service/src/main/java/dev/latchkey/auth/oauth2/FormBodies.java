package dev.latchkey.auth.oauth2;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The OAuth endpoints take {@code application/x-www-form-urlencoded} (RFC 6749 section 3.2, RFC 7662, RFC 7009). A
 * client that sends JSON, nothing at all, or a Content-Type no parser can read gets the OAuth answer it can parse,
 * {@code invalid_request}, instead of the framework's 415 problem (or, for the unreadable type, a 500). And they
 * answer {@code application/json} whatever the client's Accept says (RFC 6749 section 5.1 fixes the type), as other
 * authorization servers do: an Accept of {@code text/html} or of {@code ;;;} no longer gets a 406 problem that an
 * OAuth client cannot read. One rule, before routing, for every POST under {@code /oauth/}.
 */
@Singleton
public class FormBodies {

    static final String PREFIX = "/oauth/";

    @ServerRequestFilter(preMatching = true)
    public Response requireForm(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith(PREFIX)) {
            return null;
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException e) {
            // a Content-Type no parser can read ("a/b/c;;;="): the same answer, not the parser's 500
            type = null;
        }
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            return null;
        }
        return OAuthError.invalidRequest("Send the parameters as application/x-www-form-urlencoded").toResponse();
    }
}
