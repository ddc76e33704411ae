package dev.latchkey.auth.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.JwksResource;
import dev.latchkey.auth.jwk.KeyAlgorithm;
import dev.latchkey.auth.jwk.SigningKeys;
import dev.latchkey.auth.oauth2.Issuance;
import dev.latchkey.auth.oauth2.TokenEndpoint;
import dev.latchkey.auth.oauth2.TokenExchangeGrant;
import dev.latchkey.common.access.Permission;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * RFC 8414 authorization-server metadata, also under the OpenID Connect discovery name: one document, so a gateway
 * (mod_auth_openidc, Kong, Envoy) or a library (Spring's issuer-uri, openid-client) finds the JWKS and the token
 * endpoint from the issuer alone.
 */
@Path("/.well-known")
@Tag(name = "discovery", description = "Metadata and keys for verifiers")
@SecurityRequirements
public class DiscoveryResource {

    private static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");
    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "iat", "exp", "jti", "client_id", "scope",
            "token_type", "token_id", "tenant_id", "user_id", "roles", "permissions", "metadata", "act");

    private final AuthConfig config;
    private final SigningKeys keys;
    private final ObjectMapper json;
    /** The document for the algorithms it was built with; rebuilt when the published keys' algorithms change. */
    private volatile Built built;

    private record Built(List<KeyAlgorithm> algorithms, PublicDocument document) {
    }

    public DiscoveryResource(AuthConfig config, SigningKeys keys, ObjectMapper json) {
        this.config = config;
        this.keys = keys;
        this.json = json;
    }

    @GET
    @NonBlocking
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getOpenIdConfiguration", summary = "Discovery document (OpenID Connect discovery name)",
            description = "The same document as /.well-known/oauth-authorization-server, under the name most libraries "
                    + "look for. Answers 304 to a matching If-None-Match; readable from any origin.")
    @APIResponse(responseCode = "200", description = "The metadata",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiscoveryDocument.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the caller sent")
    public Response openidConfiguration(@Context Request request) {
        return document().answer(request, JwksResource.MAX_AGE_SECONDS);
    }

    @GET
    @NonBlocking
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAuthorizationServerMetadata", summary = "Authorization server metadata (RFC 8414)",
            description = "Answers 304 to a matching If-None-Match; readable from any origin.")
    @APIResponse(responseCode = "200", description = "The metadata",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiscoveryDocument.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the caller sent")
    public Response authorizationServer(@Context Request request) {
        return document().answer(request, JwksResource.MAX_AGE_SECONDS);
    }

    private PublicDocument document() {
        List<KeyAlgorithm> algorithms = keys.algorithms();
        Built current = built;
        if (current == null || !current.algorithms().equals(algorithms)) {
            current = new Built(algorithms, PublicDocument.of(serialise(metadata(algorithms))));
            built = current;
        }
        return current.document();
    }

    private DiscoveryDocument metadata(List<KeyAlgorithm> algorithms) {
        String issuer = config.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        List<String> scopes = new ArrayList<>();
        scopes.add(Issuance.OFFLINE_ACCESS);
        scopes.addAll(Permission.BUILT_IN);
        return new DiscoveryDocument(issuer, base + TokenEndpoint.PATH, base + JwksResource.PATH,
                base + "/oauth/introspect", base + "/oauth/revoke",
                List.of("client_credentials", "refresh_token", TokenExchangeGrant.GRANT_TYPE), List.of(), scopes,
                AUTH_METHODS, AUTH_METHODS, AUTH_METHODS,
                algorithms.stream().map(KeyAlgorithm::jwsName).distinct().toList(), CLAIMS);
    }

    private String serialise(DiscoveryDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the discovery document cannot be written", e);
        }
    }
}
