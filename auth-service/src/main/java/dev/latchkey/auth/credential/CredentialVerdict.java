package dev.latchkey.auth.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** token-service's answer: whether the credential is good and, if so, the token's state. Tolerant of new fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CredentialVerdict(boolean valid, String reason, TokenState token) {
}
