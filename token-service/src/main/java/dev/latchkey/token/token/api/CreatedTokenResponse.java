package dev.latchkey.token.token.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The only response that ever carries a secret: the one that created or rolled it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CreatedToken", description = "A token with its secret, shown this once and never again",
        examples = CreatedTokenResponse.EXAMPLE)
public record CreatedTokenResponse(
        TokenResponse token,
        @Schema(description = "For CLIENT_CREDENTIALS: the client secret (send with token.clientId to /oauth/token)",
                examples = "lk_cs_2bW0o9Xk6kVQvY1uW3cZ5pA8nF7rT4sE1hJ9mL2qD0g3X9fQa") String clientSecret,
        @Schema(description = "For ACCESS_TOKEN: the key, sent as X-API-KEY",
                examples = "lk_at_7Gm1qT3vX9cB2nL5pK8sD4fH6jR0wE1yU3iO5aZ7xC9b1V2nM4") String accessKey) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"token\":" + TokenResponse.EXAMPLE
            + ", \"clientSecret\": \"lk_cs_2bW0o9Xk6kVQvY1uW3cZ5pA8nF7rT4sE1hJ9mL2qD0g3X9fQa\"}";

    @Override
    public String toString() {
        return "CreatedTokenResponse[token=" + token.id() + "]";
    }
}
