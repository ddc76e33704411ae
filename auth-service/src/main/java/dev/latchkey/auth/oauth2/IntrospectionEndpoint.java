package dev.latchkey.auth.oauth2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.credential.CredentialVerdict;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.jwt.JwtVerifier;
import dev.latchkey.auth.jwt.VerifiedJwt;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.refresh.RefreshTokens;
import dev.latchkey.auth.refresh.RevokedJwts;
import dev.latchkey.common.revocation.RevocationGuard;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * RFC 7662 introspection of JWTs, access-token keys and refresh tokens, and RFC 7009 revocation (refresh tokens and
 * JWTs). Callers authenticate with client credentials: the vendor's, or a token holding {@code oauth.introspect};
 * a tenant's caller learns only about its own tenant's tokens (anything else is simply inactive).
 */
@Path("/oauth")
@Tag(name = "oauth2")
public class IntrospectionEndpoint {

    public static final String PERMISSION = "oauth.introspect";
    private static final String INACTIVE = "{\"active\":false}";

    private final CredentialStore credentials;
    private final PermissionResolver rights;
    private final RefreshTokens refreshTokens;
    private final RevokedJwts revoked;
    private final RevocationGuard revocations;
    private final JwtVerifier verifier;
    private final Failures failures;
    private final SourceAddress sources;
    private final ObjectMapper json;

    public IntrospectionEndpoint(CredentialStore credentials, PermissionResolver rights, RefreshTokens refreshTokens,
            RevokedJwts revoked, RevocationGuard revocations, JwtVerifier verifier, Failures failures, SourceAddress sources,
            ObjectMapper json) {
        this.sources = sources;
        this.json = json;
        this.revocations = revocations;
        this.credentials = credentials;
        this.rights = rights;
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.verifier = verifier;
        this.failures = failures;
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "introspectToken", summary = "Introspect a JWT, access-token key or refresh token (RFC 7662)",
            description = "The caller authenticates as the vendor or as a client-credentials token holding "
                    + "oauth.introspect; a tenant's caller learns only about its own tenant's tokens (others are "
                    + "inactive). Active answers carry the claims the token's JWT would carry.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthForms.Introspection.class)))
    @SecurityRequirementsSet(@SecurityRequirement(name = TokenEndpoint.CLIENT_BASIC))
    @SecurityRequirementsSet({})
    @APIResponse(responseCode = "200", description = "Whether the token is active, and what it carries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OAuthForms.IntrospectionResponse.class)))
    @APIResponse(responseCode = "400", description = "RFC 6749 error: invalid_request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "401", description = "RFC 6749 error: invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "429", description = "Too many failures from this source address; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: a neighbour or the database cannot be "
            + "reached; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    public Uni<RestResponse<String>> introspect(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        TokenRequest request = new TokenRequest(form, authorization, sources.of(http));
        String token = request.requireParam("token");
        return caller(request).flatMap(caller -> describe(token).map(found ->
                        found == null || !visible(caller, found.tenantId()) ? INACTIVE : found.json()))
                // A RestResponse of a String, not a Response: the writer is chosen when the app is built (ADR 0019).
                .map(json -> RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .onFailure(e -> !(e instanceof OAuthError)).transform(IntrospectionEndpoint::unavailable);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "revokeToken", summary = "Revoke a refresh token (its family) or a JWT (RFC 7009)",
            description = "Unknown, foreign and already revoked tokens answer 200 too. A revoked JWT is refused by "
                    + "introspection and by the management APIs at once; gateways that verify JWTs locally see it only "
                    + "through introspection. Access-token keys are deleted through token-service instead.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthForms.Revocation.class)))
    @SecurityRequirementsSet(@SecurityRequirement(name = TokenEndpoint.CLIENT_BASIC))
    @SecurityRequirementsSet({})
    @APIResponse(responseCode = "200", description = "Revoked, or nothing to revoke")
    @APIResponse(responseCode = "400", description = "RFC 6749 error: invalid_request, unsupported_token_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "401", description = "RFC 6749 error: invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "429", description = "Too many failures from this source address; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    @APIResponse(responseCode = "503", description = "temporarily_unavailable: a neighbour or the database cannot be "
            + "reached; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.Body.class)))
    public Uni<Response> revoke(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        TokenRequest request = new TokenRequest(form, authorization, sources.of(http));
        String token = request.requireParam("token");
        return caller(request).flatMap(caller -> {
            if (token.startsWith("lk_at_")) {
                throw OAuthError.unsupportedTokenType("Access-token keys are deleted through token-service, not revoked");
            }
            if (token.startsWith("lk_rt_")) {
                return refreshTokens.peek(token).flatMap(live -> live == null ? Uni.createFrom().voidItem()
                        : tenantOf(live.tokenId()).flatMap(tenant -> visible(caller, tenant)
                                ? refreshTokens.revoke(token).replaceWithVoid() : Uni.createFrom().voidItem()));
            }
            VerifiedJwt jwt = verifier.verify(token);
            if (jwt == null || !visible(caller, jwt.tenantId())) {
                return Uni.createFrom().voidItem();
            }
            return revoked.revoke(jwt.jti(), jwt.expiresAt()).invoke(() -> revocations.revoked(jwt.jti(), jwt.expiresAt()));
        }).map(x -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .onFailure(e -> !(e instanceof OAuthError)).transform(IntrospectionEndpoint::unavailable);
    }

    private static OAuthError unavailable(Throwable e) {
        return OAuthError.unavailable(e, "Tokens cannot be checked right now; retry shortly");
    }

    /** The authenticated caller's token, when it may introspect. */
    private Uni<TokenState> caller(TokenRequest request) {
        ClientAuthentication client = request.requireClient();
        return failures.guarded(client.clientId(), request.source(), credentials.client(client.clientId(), client.clientSecret()))
                .flatMap(verdict -> {
                    if (!verdict.valid()) {
                        failures.failed(verdict.tokenIdOrNull(), client.clientId(), verdict.reason(), request.source());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                    TokenState caller = verdict.token();
                    return rights.of(caller).map(held -> {
                        if (!held.permissions().contains("*") && !held.permissions().contains(PERMISSION)) {
                            throw OAuthError.invalidClient("This client may not introspect or revoke (needs " + PERMISSION + ")",
                                    client.basic());
                        }
                        return caller;
                    });
                });
    }

    private static boolean visible(TokenState caller, UUID tenantId) {
        return caller.isVendor() || Objects.equals(caller.tenantId(), tenantId);
    }

    /** What introspection says about a token (the JSON of its answer), and its tenant; null when it is not active. */
    private record Found(UUID tenantId, String json) {
    }

    private Uni<Found> describe(String token) {
        if (token.startsWith("lk_at_")) {
            return credentials.accessKey(token).flatMap(v -> v.valid() ? found(v.token(), "access_key") : Uni.createFrom().nullItem());
        }
        if (token.startsWith("lk_rt_")) {
            return refreshTokens.peek(token).flatMap(live -> live == null ? Uni.createFrom().nullItem()
                    : credentials.byTokenId(live.tokenId()).flatMap(v -> v.valid() && live.secretStillWorks(v.token(), Instant.now())
                            ? found(v.token(), "refresh_token") : Uni.createFrom().nullItem()));
        }
        VerifiedJwt jwt = verifier.verify(token);
        if (jwt == null) {
            return Uni.createFrom().nullItem();
        }
        // In memory, by the rule the management APIs apply (ADR 0012); while a feed is stale nothing can be said (503).
        return revocations.freshSoon().flatMap(fresh -> {
            if (!fresh) {
                throw new IllegalStateException("a revocation feed is stale");
            }
            if (revocations.voided(jwt.revocation()).isPresent()) {
                return Uni.createFrom().nullItem();
            }
            Uni<Boolean> alive = jwt.tokenId() == null ? Uni.createFrom().item(true)
                    : credentials.byTokenId(jwt.tokenId()).map(CredentialVerdict::valid);
            return alive.map(ok -> ok ? new Found(jwt.tenantId(), jwt.introspection()) : null);
        });
    }

    /**
     * An access-token key or refresh token described with the claims its JWT would carry (RFC 7662 section 2.2):
     * {@code token_type}, {@code sub}, {@code client_id}, {@code scope} (the permissions held now) mean what they mean
     * in the JWT; {@code credential} says which kind of secret was introspected. Not a member any more: inactive.
     */
    private Uni<Found> found(TokenState t, String credential) {
        return rights.of(t).map(held -> {
            if (!held.member()) {
                return null;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", true);
            body.put("credential", credential);
            body.put("token_type", t.context().toLowerCase(Locale.ROOT));
            body.put("sub", t.subject());
            body.put("client_id", t.clientIdentity());
            body.put("scope", String.join(" ", held.permissions()));
            body.put("token_id", t.tokenId().toString());
            if (t.tenantId() != null) {
                body.put("tenant_id", t.tenantId().toString());
            }
            if (t.userId() != null) {
                body.put("user_id", t.userId());
            }
            if (t.expiresAt() != null) {
                body.put("exp", t.expiresAt().getEpochSecond());
            }
            return new Found(t.tenantId(), write(body));
        });
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an introspection answer cannot be written as JSON", e);
        }
    }

    private Uni<UUID> tenantOf(UUID tokenId) {
        return credentials.byTokenId(tokenId).map(v -> v.valid() ? v.token().tenantId() : null);
    }


    @ServerExceptionMapper
    public Response oauthError(OAuthError error) {
        return error.toResponse();
    }
}
