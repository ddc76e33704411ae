package dev.latchkey.auth.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The state of an API token that a JWT is issued for. {@code context} is VENDOR, TENANT or PERSONAL. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenState(UUID tokenId, String context, String type, UUID tenantId, String userId, String clientId,
        Instant expiresAt) {
}
