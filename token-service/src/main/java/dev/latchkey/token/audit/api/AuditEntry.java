package dev.latchkey.token.audit.api;

import dev.latchkey.token.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEntry", description = "Who did what to which token, when, from where")
public record AuditEntry(
        UUID id,
        UUID tenantId,
        Instant occurredAt,
        @Schema(description = "Client id or user id of the caller; 'latchkey' for the service itself") String actor,
        @Schema(examples = "token.created") String action,
        UUID tokenId,
        @Schema(description = "The caller's address", examples = "203.0.113.7") String source,
        @Schema(description = "What changed; never a secret or a hash") Map<String, Object> detail) {

    public static AuditEntry from(AuditEvent e) {
        return new AuditEntry(e.id, e.tenantId, e.occurredAt, e.actor, e.action, e.tokenId, e.source, e.detail);
    }
}
