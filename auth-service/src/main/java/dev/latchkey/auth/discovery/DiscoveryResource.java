package dev.latchkey.auth.discovery;

import dev.latchkey.auth.config.AuthConfig;
import dev.latchkey.auth.jwk.JwksResource;
import dev.latchkey.auth.jwk.KeyAlgorithm;
import dev.latchkey.auth.jwk.SigningKeys;
import dev.latchkey.auth.oauth2.TokenEndpoint;
import dev.latchkey.auth.oauth2.TokenExchangeGrant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenID Connect discovery and RFC 8414 authorization-server metadata: one document under both names, so a gateway
 * (mod_auth_openidc, Kong, Envoy) finds the JWKS and the token endpoint from the issuer alone.
 */
@Path("/.well-known")
@Tag(name = "discovery", description = "Metadata and keys for verifiers")
public class DiscoveryResource {

    private final AuthConfig config;
    private final SigningKeys keys;

    public DiscoveryResource(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery document")
    public Response openidConfiguration() {
        return metadata();
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
    public Response authorizationServer() {
        return metadata();
    }

    private Response metadata() {
        String issuer = config.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        List<String> algorithms = keys.algorithms().stream().map(KeyAlgorithm::jwsName).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("token_endpoint", base + TokenEndpoint.PATH);
        document.put("jwks_uri", base + JwksResource.PATH);
        document.put("introspection_endpoint", base + "/oauth/introspect");
        document.put("revocation_endpoint", base + "/oauth/revoke");
        document.put("grant_types_supported", List.of("client_credentials", "refresh_token", TokenExchangeGrant.GRANT_TYPE));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", algorithms);
        document.put("claims_supported", List.of("iss", "sub", "aud", "iat", "nbf", "exp", "jti",
                "token_type", "token_id", "tenant_id", "user_id", "roles", "permissions", "metadata", "act"));
        return Response.ok(document)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + JwksResource.MAX_AGE_SECONDS)
                .build();
    }
}
