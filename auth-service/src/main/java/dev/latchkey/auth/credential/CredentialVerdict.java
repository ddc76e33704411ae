package dev.latchkey.auth.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * token-service's answer: whether the credential is good and, if so, the token's state; {@code acceptedUntil} ends
 * a rolled-away secret's grace period. {@code tokenId} names the token of a refused credential whose client id is
 * known (a wrong secret), so the failure lands in that token's tenant's audit log. Tolerant of new fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CredentialVerdict(boolean valid, String reason, TokenState token, Instant acceptedUntil, UUID tokenId) {

    public static CredentialVerdict refused(String reason) {
        return new CredentialVerdict(false, reason, null, null, null);
    }

    /** The token the presented credential belongs to, when anyone knows. */
    public UUID tokenIdOrNull() {
        return token != null ? token.tokenId() : tokenId;
    }

    /**
     * The generation of the secret that was presented: the current one, or the one before it while that is in its
     * grace period ({@code acceptedUntil} set). Null when token-service does not say.
     */
    public Integer presentedGeneration() {
        if (token == null || token.secretGeneration() == null) {
            return null;
        }
        return acceptedUntil != null ? token.secretGeneration() - 1 : token.secretGeneration();
    }
}
