package dev.latchkey.token.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.token.TokenContext;
import dev.latchkey.token.token.TokenType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What auth-service needs to issue a JWT for a token; never a secret or a hash")
public record TokenState(
        UUID tokenId,
        TokenContext context,
        TokenType type,
        @Schema(description = "Absent for the vendor") UUID tenantId,
        @Schema(description = "Owner of a personal token") String userId,
        String clientId,
        @Schema(description = "Absent when the token never expires") Instant expiresAt) {

    public static TokenState of(ApiToken token) {
        return new TokenState(token.id, token.context, token.type, token.tenantId, token.userId, token.clientId,
                token.expiresAt);
    }
}
