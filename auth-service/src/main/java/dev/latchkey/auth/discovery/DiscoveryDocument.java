package dev.latchkey.auth.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Authorization-server metadata (RFC 8414), also served as the OpenID Connect discovery document because that is
 * where most libraries look first. It claims only what exists: no authorization endpoint (so no response types), no
 * ID tokens, no userinfo.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "DiscoveryDocument", description = "Authorization-server metadata (RFC 8414)")
public record DiscoveryDocument(
        @JsonProperty("issuer") @Schema(required = true, examples = "https://auth.example.com") String issuer,
        @JsonProperty("token_endpoint") @Schema(required = true) String tokenEndpoint,
        @JsonProperty("jwks_uri") @Schema(required = true) String jwksUri,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("response_types_supported")
        @Schema(description = "Empty: there is no authorization endpoint") List<String> responseTypesSupported,
        @JsonProperty("scopes_supported")
        @Schema(description = "offline_access and the built-in permission keys; vendor-registered keys work too")
        List<String> scopesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionEndpointAuthMethodsSupported,
        @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationEndpointAuthMethodsSupported,
        @JsonProperty("access_token_signing_alg_values_supported")
        @Schema(description = "JWS algorithms of the published keys") List<String> accessTokenSigningAlgValuesSupported,
        @JsonProperty("claims_supported") List<String> claimsSupported) {
}
