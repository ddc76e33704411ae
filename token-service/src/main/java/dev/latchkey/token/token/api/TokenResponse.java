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
@Schema(name = "Token", description = "An API token; never its secret")
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

    public static TokenResponse from(ApiToken t) {
        return new TokenResponse(t.id, t.type, t.context, t.tenantId, t.userId, t.clientId, t.secretHint, t.description,
                Arrays.stream(t.roleIds).map(UUID::fromString).toList(),
                t.context == TokenContext.PERSONAL ? t.allRoles : null, List.of(t.permissions), t.metadata, t.createdBy,
                t.createdAt, t.updatedAt, t.expiresAt, t.lastUsedAt, t.previousSecretExpiresAt);
    }
}
