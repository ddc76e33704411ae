package dev.latchkey.token.credential.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An access-token key presented to auth-service (X-API-KEY, or a token exchange)")
public record AccessKeyCheck(@Schema(description = "The presented key; never stored or logged") @NotNull @Size(max = 200) String accessKey) {

    @Override
    public String toString() {
        return "AccessKeyCheck[redacted]";
    }
}
