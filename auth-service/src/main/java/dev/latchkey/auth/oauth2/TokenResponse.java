package dev.latchkey.auth.oauth2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A successful token response (RFC 6749 section 5.1; RFC 8693 section 2.2.1 adds issued_token_type). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TokenResponse")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(required = true, description = "The signed JWT (RFC 9068 access token)") String accessToken,
        @JsonProperty("token_type") @Schema(required = true, examples = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(required = true, description = "Seconds until the JWT expires", examples = "300") long expiresIn,
        @JsonProperty("refresh_token") @Schema(description = "Rotating refresh token (lk_rt_...), when the settings enable them")
        String refreshToken,
        @JsonProperty("scope") @Schema(description = "The granted scope, when one was asked for (with offline_access when a refresh token came too)", examples = "tokens.tenant.read offline_access")
        String scope,
        @JsonProperty("issued_token_type") @Schema(description = "For token exchange (RFC 8693)",
                examples = "urn:ietf:params:oauth:token-type:access_token") String issuedTokenType) {

    /**
     * This response as JSON, written directly: the token endpoint's answer, without a serializer lookup and a bean
     * walk per request. The same document Jackson writes from this record (TokenResponseTest holds it to that).
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(accessToken.length() + 200).append('{');
        field(json, "access_token", accessToken).append(',');
        field(json, "token_type", tokenType).append(",\"expires_in\":").append(expiresIn);
        if (refreshToken != null) {
            field(json.append(','), "refresh_token", refreshToken);
        }
        if (scope != null) {
            field(json.append(','), "scope", scope);
        }
        if (issuedTokenType != null) {
            field(json.append(','), "issued_token_type", issuedTokenType);
        }
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        if (needsEscaping(value)) {
            JsonStringEncoder.getInstance().quoteAsString(value, json);
        } else {
            // The common case (a JWT, a token type): appended whole, not char by char (5% of an exchange's samples).
            json.append(value);
        }
        return json.append('"');
    }

    /** Whether JSON needs an escape for any of these chars: a quote, a backslash or a control character. */
    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + "]";
    }
}
