package dev.latchkey.auth.oauth2;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The OAuth 2.0 token endpoint (RFC 6749 section 3.2). Errors are RFC 6749 JSON, not problem+json. */
@Path(TokenEndpoint.PATH)
@Tag(name = "oauth2", description = "Credentials in, JWTs out")
@SecurityScheme(securitySchemeName = TokenEndpoint.CLIENT_BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "client_secret_basic: the client id and secret (RFC 6749 section 2.3.1)")
public class TokenEndpoint {

    public static final String PATH = "/oauth/token";
    /** The security scheme of client authentication by HTTP Basic; client_secret_post is the form's alternative. */
    public static final String CLIENT_BASIC = "clientBasic";

    private final ClientCredentialsGrant clientCredentials;
    private final RefreshTokenGrant refreshTokens;
    private final TokenExchangeGrant tokenExchange;
    private final MeterRegistry metrics;
    private final SourceAddress sources;
    /** One timer per grant and outcome, looked up without building a meter id per request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TokenEndpoint(ClientCredentialsGrant clientCredentials, RefreshTokenGrant refreshTokens,
            TokenExchangeGrant tokenExchange, MeterRegistry metrics, SourceAddress sources) {
        this.sources = sources;
        this.clientCredentials = clientCredentials;
        this.refreshTokens = refreshTokens;
        this.tokenExchange = tokenExchange;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestToken", summary = "Exchange credentials for a signed JWT",
            description = "grant_type=client_credentials: a client-credentials token's client id and secret (HTTP Basic "
                    + "or client_secret_post), optional scope (permission keys to narrow to; offline_access for a "
                    + "refresh token where the settings allow). grant_type=refresh_token: rotating, same client "
                    + "authentication. grant_type=urn:ietf:params:oauth:grant-type:token-exchange: an access-token key as "
                    + "subject_token (subject_token_type urn:ietf:params:oauth:token-type:access_token, no client "
                    + "authentication), or, for the vendor, a user id (subject_token_type "
                    + "urn:latchkey:params:oauth:token-type:user-id) and tenant_id. The JWT is an RFC 9068 access token "
                    + "(typ at+jwt) signed with a key from the JWKS.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthForms.Token.class),
            examples = @ExampleObject(name = "client_credentials",
                    value = "{\"grant_type\": \"client_credentials\", \"scope\": \"tokens.tenant.read\"}")))
    @SecurityRequirementsSet(@SecurityRequirement(name = CLIENT_BASIC))
    @SecurityRequirementsSet({})
    @APIResponse(responseCode = "200", description = "A signed JWT",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "RFC 6749 error: invalid_request, invalid_grant, invalid_scope, "
            + "unauthorized_client, unsupported_grant_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "401", description = "RFC 6749 error: invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "429", description = "Too many failures from this source address; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: a neighbour or the database cannot be "
            + "reached; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    public Uni<RestResponse<String>> token(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        Timer.Sample sample = Timer.start(metrics);
        String source = sources.of(http);
        TokenRequest request = new TokenRequest(form, authorization, source);
        String grantType = request.param("grant_type");
        Uni<TokenResponse> response;
        try {
            if (grantType == null) {
                throw OAuthError.invalidRequest("grant_type is required");
            }
            response = switch (grantType) {
                case ClientCredentialsGrant.GRANT_TYPE -> clientCredentials.grant(request);
                case RefreshTokenGrant.GRANT_TYPE -> refreshTokens.grant(request);
                case TokenExchangeGrant.GRANT_TYPE -> tokenExchange.grant(request);
                default -> throw OAuthError.unsupportedGrantType("Supported: client_credentials, refresh_token, "
                        + TokenExchangeGrant.GRANT_TYPE);
            };
        } catch (OAuthError e) {
            response = Uni.createFrom().failure(e);
        }
        String grant = grantType == null ? "none" : switch (grantType) {
            case ClientCredentialsGrant.GRANT_TYPE, RefreshTokenGrant.GRANT_TYPE -> grantType;
            case TokenExchangeGrant.GRANT_TYPE -> "token_exchange";
            default -> "other";
        };
        return response
                // A neighbour or the database failing anywhere in a grant (rights from rbac-service, a refresh token's
                // row) is temporarily_unavailable, as a failed credential check already is; anything else stays a bug.
                .onFailure(e -> !(e instanceof OAuthError) && OAuthError.isOutage(e))
                .transform(e -> OAuthError.unavailable(e, "A service Latchkey needs cannot answer right now; retry shortly"))
                .onItemOrFailure().invoke((ok, failure) -> sample.stop(timer(grant,
                        failure == null ? "issued" : failure instanceof OAuthError o ? o.error() : "error")))
                .map(TokenEndpoint::ok);
    }

    private Timer timer(String grant, String outcome) {
        return timers.computeIfAbsent(grant + " " + outcome, key -> Timer.builder("latchkey.exchange")
                .description("Token endpoint requests by grant and outcome")
                .tag("grant", grant)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(metrics));
    }

    // A RestResponse of a String, not a Response: the entity's type is known when the app is built, so the writer is
    // chosen once rather than looked up among all writers per request (6% of an exchange's samples).
    private static RestResponse<String> ok(TokenResponse token) {
        return RestResponse.ResponseBuilder.ok(token.toJson(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthError error) {
        return error.toResponse();
    }
}
