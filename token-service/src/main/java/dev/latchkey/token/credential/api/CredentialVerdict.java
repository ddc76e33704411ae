package dev.latchkey.token.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Whether a presented credential is good, and if so the state of its token",
        examples = CredentialVerdict.EXAMPLE)
public record CredentialVerdict(
        @Schema(description = "True when the credential may be used now") boolean valid,
        @Schema(description = "Why not, when not valid", examples = "MISMATCH") Reason reason,
        @Schema(description = "The token, when valid") TokenState token,
        @Schema(description = "When the presented secret is the one before the last roll: the end of its grace period")
        Instant acceptedUntil,
        @Schema(description = "When refused for a token that exists (mismatch, expired, disabled): its id, so the failure "
                + "lands in its tenant's audit log") UUID tokenId) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = "{\"valid\": true, \"token\":" + TokenState.EXAMPLE + "}";

    /** Why a credential was refused. {@code MALFORMED} is decided by the checksum, before any lookup. */
    public enum Reason {
        MALFORMED,
        UNKNOWN,
        MISMATCH,
        EXPIRED,
        /** API tokens are disabled for the token's tenant (settings). */
        DISABLED
    }

    public static CredentialVerdict valid(TokenState token, Instant acceptedUntil) {
        return new CredentialVerdict(true, null, token, acceptedUntil, null);
    }

    public static CredentialVerdict refused(Reason reason) {
        return new CredentialVerdict(false, reason, null, null, null);
    }

    /** Refused for a token that exists: says which, never why beyond the reason. */
    public static CredentialVerdict refused(Reason reason, UUID tokenId) {
        return new CredentialVerdict(false, reason, null, null, tokenId);
    }
}
