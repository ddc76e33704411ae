package dev.latchkey.token.audit.api;

import dev.latchkey.token.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEntry", description = "Who did what to which token, when, from where",
        examples = AuditEntry.EXAMPLE)
public record AuditEntry(
        UUID id,
        UUID tenantId,
        Instant occurredAt,
        @Schema(description = "Client id or user id of the caller; 'latchkey' for the service itself") String actor,
        @Schema(examples = "token.created") String action,
        UUID tokenId,
        @Schema(description = "The caller's address", examples = "203.0.113.7") String source,
        @Schema(description = "What changed; never a secret or a hash") Map<String, Object> detail) {

    /** The contract's example; OpenApiContractTest reads it back into this record and validates it. */
    public static final String EXAMPLE = """
            {"id": "9c5b94b1-35ad-49bb-b118-8e8fc24abf80", "tenantId": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
             "occurredAt": "2026-11-28T18:00:00Z", "actor": "auth0|6512f0c1", "action": "token.created",
             "tokenId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "source": "203.0.113.7",
             "detail": {"type": "CLIENT_CREDENTIALS"}}""";

    public static AuditEntry from(AuditEvent e) {
        return new AuditEntry(e.id, e.tenantId, e.occurredAt, e.actor, e.action, e.tokenId, e.source, e.detail);
    }
}
