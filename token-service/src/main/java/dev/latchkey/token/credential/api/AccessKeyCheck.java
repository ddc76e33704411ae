package dev.latchkey.token.credential.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An access-token key presented to auth-service (X-API-KEY, or a token exchange)",
        examples = AccessKeyCheck.EXAMPLE)
public record AccessKeyCheck(@Schema(description = "The presented key; never stored or logged") @NotNull @Size(max = 200) String accessKey) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"accessKey": "lk_at_7Gm1qT3vX9cB2nL5pK8sD4fH6jR0wE1yU3iO5aZ7xC9b1V2nM4"}""";

    @Override
    public String toString() {
        return "AccessKeyCheck[redacted]";
    }
}
