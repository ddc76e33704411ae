package dev.latchkey.token.credential.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A client id and secret presented at auth-service's token endpoint")
public record ClientCredentialCheck(
        @Schema(examples = "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc") @NotNull @Size(max = 200) String clientId,
        @Schema(description = "The presented secret; never stored or logged") @NotNull @Size(max = 200) String clientSecret) {

    @Override
    public String toString() {
        return "ClientCredentialCheck[clientId=" + clientId + "]";
    }
}
