package dev.latchkey.auth.oauth2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A successful token response (RFC 6749 section 5.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TokenResponse")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(description = "The signed JWT") String accessToken,
        @JsonProperty("token_type") @Schema(examples = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until the JWT expires", examples = "300") long expiresIn) {
}
