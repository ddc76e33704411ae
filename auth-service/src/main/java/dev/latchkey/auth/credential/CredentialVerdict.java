package dev.latchkey.auth.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * token-service's answer: whether the credential is good and, if so, the token's state; {@code acceptedUntil} ends
 * a rolled-away secret's grace period. Tolerant of new fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CredentialVerdict(boolean valid, String reason, TokenState token, Instant acceptedUntil) {

    public static CredentialVerdict refused(String reason) {
        return new CredentialVerdict(false, reason, null, null);
    }
}
