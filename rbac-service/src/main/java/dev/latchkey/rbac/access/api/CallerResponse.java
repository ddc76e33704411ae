package dev.latchkey.rbac.access.api;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Caller", description = "Who the bearer token is, as Latchkey sees it", examples = CallerResponse.EXAMPLE)
public record CallerResponse(
        @Schema(description = "The tenant the caller acts in; absent for the vendor, or for a user whose token names no "
                + "tenant that exists") UUID tenantId,
        @Schema(description = "The user, for a user session or a personal token", examples = "f:1c4d:alice") String userId,
        @Schema(description = "Whether the caller is the vendor itself") boolean vendor,
        @Schema(description = "The vendor identity provider the user signed in with; absent for auth-service's tokens",
                examples = "corp") String identityProvider) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "userId": "f:1c4d:alice", "vendor": false,
             "identityProvider": "corp"}""";
}
