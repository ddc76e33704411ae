package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.credential.CredentialVerdict;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.jwt.JwtVerifier;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.refresh.RefreshTokens;
import dev.latchkey.auth.refresh.RevokedJwts;
import dev.latchkey.common.revocation.RevocationGuard;
import dev.latchkey.common.revocation.Revocations;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
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
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final CredentialStore credentials;
    private final PermissionResolver rights;
    private final RefreshTokens refreshTokens;
    private final RevokedJwts revoked;
    private final RevocationGuard revocations;
    private final JwtVerifier verifier;
    private final Failures failures;
    private final SourceAddress sources;

    public IntrospectionEndpoint(CredentialStore credentials, PermissionResolver rights, RefreshTokens refreshTokens,
            RevokedJwts revoked, RevocationGuard revocations, JwtVerifier verifier, Failures failures, SourceAddress sources) {
        this.sources = sources;
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
    public Uni<RestResponse<Map<String, Object>>> introspect(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        TokenRequest request = new TokenRequest(form, authorization, sources.of(http));
        String token = request.requireParam("token");
        return caller(request).flatMap(caller -> describe(token).map(found ->
                        found == null || !visible(caller, found.tenantId()) ? INACTIVE : found.body()))
                // A RestResponse of a Map, not a Response: the writer is chosen when the app is built (ADR 0019).
                .map(body -> RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").build())
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
            JwtClaims claims = verifier.verify(token);
            if (claims == null || !visible(caller, uuidClaim(claims, "tenant_id"))) {
                return Uni.createFrom().voidItem();
            }
            String jti = jti(claims);
            Instant expiresAt = Instant.ofEpochSecond(expiry(claims).getValue());
            return revoked.revoke(jti, expiresAt).invoke(() -> revocations.revoked(jti, expiresAt));
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

    /** What introspection says about a token, and its tenant; null when it is not active. */
    private record Found(UUID tenantId, Map<String, Object> body) {
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
        JwtClaims claims = verifier.verify(token);
        if (claims == null) {
            return Uni.createFrom().nullItem();
        }
        // In memory, by the rule the management APIs apply (ADR 0012); while a feed is stale nothing can be said (503).
        return revocations.freshSoon().flatMap(fresh -> {
            if (!fresh) {
                throw new IllegalStateException("a revocation feed is stale");
            }
            if (revocations.voided(revocationClaims(claims)).isPresent()) {
                return Uni.createFrom().nullItem();
            }
            UUID tokenId = uuidClaim(claims, "token_id");
            Uni<Boolean> alive = tokenId == null ? Uni.createFrom().item(true)
                    : credentials.byTokenId(tokenId).map(CredentialVerdict::valid);
            return alive.map(ok -> ok ? new Found(uuidClaim(claims, "tenant_id"), jwtBody(claims)) : null);
        });
    }

    private static Revocations.Claims revocationClaims(JwtClaims claims) {
        NumericDate issuedAt;
        try {
            issuedAt = claims.getIssuedAt();
        } catch (MalformedClaimException e) {
            issuedAt = null;
        }
        // no iat: issued at the epoch as far as cuts go, so any cut voids it (fail-safe)
        return Revocations.Claims.of(jti(claims), issuedAt == null ? 0 : issuedAt.getValue(), claims.getClaimValue("token_id"),
                claims.getClaimValue("tenant_id"), claims.getClaimValue("user_id"), claims.getClaimValue("roles"));
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
            return new Found(t.tenantId(), body);
        });
    }

    /** A JWT's own claims, so a field means the same in the JWT and here; {@code scope} defaults to its permissions. */
    private static Map<String, Object> jwtBody(JwtClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("credential", "jwt");
        body.putAll(claims.getClaimsMap());
        if (!body.containsKey("scope") && claims.getClaimValue("permissions") instanceof List<?> permissions) {
            body.put("scope", permissions.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        return body;
    }

    private static String jti(JwtClaims claims) {
        try {
            return claims.getJwtId();
        } catch (MalformedClaimException e) {
            return "";
        }
    }

    private static NumericDate expiry(JwtClaims claims) {
        try {
            return claims.getExpirationTime();
        } catch (MalformedClaimException e) {
            return NumericDate.now();
        }
    }

    private static UUID uuidClaim(JwtClaims claims, String name) {
        try {
            String value = claims.getStringClaimValue(name);
            return value == null ? null : UUID.fromString(value);
        } catch (MalformedClaimException | IllegalArgumentException e) {
            return null;
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
