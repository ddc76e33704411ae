package dev.latchkey.token.credential.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A client id and secret presented at auth-service's token endpoint",
        examples = ClientCredentialCheck.EXAMPLE)
public record ClientCredentialCheck(
        @Schema(examples = "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc") @NotNull @Size(max = 200) String clientId,
        @Schema(description = "The presented secret; never stored or logged") @NotNull @Size(max = 200) String clientSecret) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"clientId": "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc",
             "clientSecret": "lk_cs_2bW0o9Xk6kVQvY1uW3cZ5pA8nF7rT4sE1hJ9mL2qD0g3X9fQa"}""";

    @Override
    public String toString() {
        return "ClientCredentialCheck[clientId=" + clientId + "]";
    }
}
