package dev.latchkey.token.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.token.settings.EffectiveSettings;
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
@Schema(description = "What auth-service needs to issue a JWT for a token; never a secret or a hash",
        examples = TokenState.EXAMPLE)
public record TokenState(
        UUID tokenId,
        TokenContext context,
        TokenType type,
        @Schema(description = "Absent for the vendor") UUID tenantId,
        @Schema(description = "Owner of a personal token") String userId,
        String clientId,
        @Schema(description = "Tenant token: its roles. Personal token: the subset of its user's roles")
        List<UUID> roleIds,
        @Schema(description = "Personal token: acts with all of its user's current roles, not a subset") boolean allRoles,
        @Schema(description = "Permission keys or wildcards of a token made from permissions") List<String> permissionIds,
        Map<String, Object> metadata,
        @Schema(description = "Absent when the token never expires") Instant expiresAt,
        @Schema(description = "Lifetime of a JWT issued for it, from the tenant's settings") int jwtLifetimeSeconds,
        @Schema(description = "Whether a refresh token may be issued with it") boolean refreshTokensEnabled,
        @Schema(description = "0 for the first secret, one more at every roll: refresh families end with their secret")
        int secretGeneration,
        @Schema(description = "Until when the secret before the last roll still works; absent without a grace period")
        Instant previousSecretExpiresAt,
        @Schema(description = "The reuse window from the tenant's settings: for how many seconds a JWT issued for it "
                + "may be handed back to the same credential asking again; 0: never (ADR 0019)")
        int jwtReuseSeconds) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"tokenId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "context": "TENANT", "type": "CLIENT_CREDENTIALS",
             "tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "clientId": "lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc",
             "roleIds": ["6fa459ea-ee8a-4ca4-894e-db77e160355e"],
             "allRoles": false, "permissionIds": [], "metadata": {"environment": "production"},
             "expiresAt": "2026-12-28T18:00:00Z", "jwtLifetimeSeconds": 300, "refreshTokensEnabled": true,
             "secretGeneration": 0, "jwtReuseSeconds": 0}""";

    public static TokenState of(ApiToken token, EffectiveSettings settings) {
        return new TokenState(token.id, token.context, token.type, token.tenantId, token.userId, token.clientId,
                Arrays.stream(token.roleIds).map(UUID::fromString).toList(), token.allRoles, List.of(token.permissions), token.metadata,
                token.expiresAt, settings.jwtLifetimeSeconds(), settings.refreshTokensEnabled(), token.secretGeneration,
                token.previousSecretExpiresAt, settings.jwtReuseSeconds());
    }
}
