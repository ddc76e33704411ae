package dev.latchkey.token.settings.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.token.token.TokenType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * M2M settings. As the application's: every field set ({@code maxExpiryMinutes} null means no limit; a missing
 * {@code jwtReuseSeconds}, which came later, means 0). As a tenant's override: a null field follows the application,
 * and a set one may only tighten it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Settings", description = "M2M settings", examples = SettingsBody.EXAMPLE)
public record SettingsBody(
        @Schema(description = "Whether API tokens may be created and used at all", examples = "true")
        Boolean m2mEnabled,
        @Schema(description = "Token types that may be created", examples = "[\"CLIENT_CREDENTIALS\", \"ACCESS_TOKEN\"]")
        @Size(max = 2) Set<@NotNull TokenType> tokenTypes,
        @Schema(description = "Longest allowed token lifetime in minutes; null: no limit (tokens may never expire)",
                examples = "525600")
        @Min(1) @Max(52_560_000) Integer maxExpiryMinutes,
        @Schema(description = "Lifetime of a JWT from an exchange, in seconds", examples = "300")
        @Min(30) @Max(86_400) Integer jwtLifetimeSeconds,
        @Schema(description = "Whether the client-credentials grant also returns a refresh token", examples = "true")
        Boolean refreshTokensEnabled,
        @Schema(description = "The reuse window: for how many seconds after issuing a JWT the same credential asking "
                + "again gets that JWT back instead of a new one (unless its token, roles or rights changed, or it "
                + "was revoked). 0, the default: never. At most half of jwtLifetimeSeconds; a tenant may only shorten it",
                examples = "0")
        @Min(0) @Max(43_200) Integer jwtReuseSeconds) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"m2mEnabled": true, "tokenTypes": ["CLIENT_CREDENTIALS", "ACCESS_TOKEN"], "maxExpiryMinutes": 525600,
             "jwtLifetimeSeconds": 300, "refreshTokensEnabled": true, "jwtReuseSeconds": 0}""";
}
