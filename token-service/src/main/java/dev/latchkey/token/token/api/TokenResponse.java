package dev.latchkey.token.token.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.token.TokenContext;
import dev.latchkey.token.token.TokenType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Token", description = "An API token; never its secret", examples = TokenResponse.EXAMPLE)
public record TokenResponse(
        UUID id,
        TokenType type,
        TokenContext context,
        UUID tenantId,
        @Schema(description = "Owner of a personal token") String userId,
        @Schema(description = "Public id of a client-credentials token", examples = "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc") String clientId,
        @Schema(description = "Prefix and last characters of the secret, to recognise it", examples = "lk_cs_...X9fQ")
        String secretHint,
        String description,
        List<UUID> roleIds,
        @Schema(description = "Personal tokens: true when it acts with all of its user's roles (roleIds is then empty)")
        Boolean allRoles,
        List<String> permissionIds,
        Map<String, Object> metadata,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Absent: never expires") Instant expiresAt,
        @Schema(description = "Last successful use, recorded in batches (may lag by a minute)") Instant lastUsedAt,
        @Schema(description = "Until when the secret before the last roll still works") Instant previousSecretExpiresAt) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "type": "CLIENT_CREDENTIALS", "context": "TENANT",
             "tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "clientId": "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc",
             "secretHint": "lk_cs_...X9fQ",
             "description": "CI deploys", "roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"], "permissionIds": [],
             "metadata": {"environment": "production"}, "createdBy": "auth0|6512f0c1",
             "createdAt": "2026-11-28T18:00:00Z", "updatedAt": "2026-11-28T18:00:00Z",
             "expiresAt": "2026-12-28T18:00:00Z"}""";

    public static TokenResponse from(ApiToken t) {
        return new TokenResponse(t.id, t.type, t.context, t.tenantId, t.userId, t.clientId, t.secretHint, t.description,
                Arrays.stream(t.roleIds).map(UUID::fromString).toList(),
                t.context == TokenContext.PERSONAL ? t.allRoles : null, List.of(t.permissions), t.metadata, t.createdBy,
                t.createdAt, t.updatedAt, t.expiresAt, t.lastUsedAt, t.previousSecretExpiresAt);
    }
}
