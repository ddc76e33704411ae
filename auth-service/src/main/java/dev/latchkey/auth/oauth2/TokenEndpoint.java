package dev.latchkey.auth.oauth2;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The OAuth 2.0 token endpoint (RFC 6749 section 3.2). Errors are RFC 6749 JSON, not problem+json. */
@Path(TokenEndpoint.PATH)
@Tag(name = "oauth2", description = "Credentials in, JWTs out")
public class TokenEndpoint {

    public static final String PATH = "/oauth/token";

    private final ClientCredentialsGrant clientCredentials;

    public TokenEndpoint(ClientCredentialsGrant clientCredentials) {
        this.clientCredentials = clientCredentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange client credentials for a signed JWT",
            description = "Form parameters: grant_type=client_credentials; client_id and client_secret unless sent "
                    + "with HTTP Basic.")
    @APIResponse(responseCode = "200", description = "A signed JWT",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "RFC 6749 error: invalid_request, unsupported_grant_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "401", description = "RFC 6749 error: invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    public Uni<Response> token(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String grantType = ClientAuthentication.single(form, "grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        if (!ClientCredentialsGrant.GRANT_TYPE.equals(grantType)) {
            throw OAuthError.unsupportedGrantType("Supported: " + ClientCredentialsGrant.GRANT_TYPE);
        }
        ClientAuthentication client = ClientAuthentication.from(authorization, form);
        return clientCredentials.grant(client).map(TokenEndpoint::ok);
    }

    private static Response ok(TokenResponse token) {
        return Response.ok(token)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthError error) {
        return error.toResponse();
    }
}
