package dev.latchkey.auth.oauth2;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract's picture of the OAuth endpoints' form bodies ({@code application/x-www-form-urlencoded}), so that
 * generated clients get one named parameter per field. The endpoints read the form themselves ({@link TokenRequest}):
 * these records only describe it.
 */
public final class OAuthForms {

    private OAuthForms() {
    }

    @Schema(name = "TokenRequest", description = "A token request (RFC 6749 section 4.4, 6; RFC 8693). The client "
            + "authenticates with HTTP Basic (client_secret_basic) or with client_id and client_secret here "
            + "(client_secret_post), never both.")
    public record Token(
            @JsonProperty("grant_type") @Schema(required = true, enumeration = {"client_credentials", "refresh_token",
                    TokenExchangeGrant.GRANT_TYPE}, examples = "client_credentials") String grantType,
            @JsonProperty("scope") @Schema(description = "Space-separated permission keys to narrow the JWT to, and "
                    + "offline_access for a refresh token", examples = "tokens.tenant.read offline_access") String scope,
            @JsonProperty("client_id") @Schema(description = "client_secret_post only", examples = "lk_ci_...") String clientId,
            @JsonProperty("client_secret") @Schema(description = "client_secret_post only", format = "password") String clientSecret,
            @JsonProperty("refresh_token") @Schema(description = "grant_type=refresh_token: the refresh token (lk_rt_...)",
                    format = "password") String refreshToken,
            @JsonProperty("subject_token") @Schema(description = "Token exchange: an access-token key (lk_at_...), or, "
                    + "for the vendor, the user id to act for", format = "password") String subjectToken,
            @JsonProperty("subject_token_type") @Schema(description = "Token exchange: what subject_token is",
                    enumeration = {Issuance.ACCESS_TOKEN_TYPE, TokenExchangeGrant.USER_ID}) String subjectTokenType,
            @JsonProperty("tenant_id") @Schema(description = "Token exchange for a user: the tenant", format = "uuid")
            String tenantId) {
    }

    @Schema(name = "IntrospectionRequest", description = "RFC 7662 section 2.1; the caller authenticates as a client "
            + "holding oauth.introspect (or the vendor)")
    public record Introspection(
            @JsonProperty("token") @Schema(required = true, description = "A JWT, an access-token key or a refresh token",
                    format = "password") String token,
            @JsonProperty("token_type_hint") @Schema(description = "Ignored: the token's form says what it is",
                    enumeration = {"access_token", "refresh_token"}) String tokenTypeHint,
            @JsonProperty("client_id") @Schema(description = "client_secret_post only") String clientId,
            @JsonProperty("client_secret") @Schema(description = "client_secret_post only", format = "password") String clientSecret) {
    }

    @Schema(name = "RevocationRequest", description = "RFC 7009 section 2.1; the caller authenticates as a client "
            + "holding oauth.introspect (or the vendor)")
    public record Revocation(
            @JsonProperty("token") @Schema(required = true, description = "A JWT or a refresh token", format = "password")
            String token,
            @JsonProperty("token_type_hint") @Schema(description = "Ignored: the token's form says what it is",
                    enumeration = {"access_token", "refresh_token"}) String tokenTypeHint,
            @JsonProperty("client_id") @Schema(description = "client_secret_post only") String clientId,
            @JsonProperty("client_secret") @Schema(description = "client_secret_post only", format = "password") String clientSecret) {
    }

    /** RFC 7662 section 2.2, with Latchkey's claims: a field means what it means in the JWT. */
    @Schema(name = "IntrospectionResponse", description = "RFC 7662 section 2.2. When active, the token's claims as its "
            + "JWT carries them (for a JWT: exactly its claims), plus credential and scope.", additionalProperties = Schema.True.class)
    public record IntrospectionResponse(
            @Schema(required = true) boolean active,
            @Schema(description = "What was introspected", enumeration = {"jwt", "access_key", "refresh_token"})
            String credential,
            @JsonProperty("token_type") @Schema(description = "As in the JWT: vendor, tenant, personal or user",
                    examples = "tenant") String tokenType,
            @Schema(examples = "lk_ci_...") String sub,
            @JsonProperty("client_id") String clientId,
            @Schema(description = "Space-separated permission keys", examples = "tokens.tenant.read") String scope,
            @JsonProperty("token_id") @Schema(format = "uuid") String tokenId,
            @JsonProperty("tenant_id") @Schema(format = "uuid") String tenantId,
            @JsonProperty("user_id") String userId,
            String iss,
            @Schema(type = SchemaType.STRING) String aud,
            Long exp,
            Long iat,
            String jti) {
    }
}
