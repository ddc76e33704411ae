package dev.latchkey.token.audit;

import dev.latchkey.common.api.Page;
import dev.latchkey.token.audit.api.AuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Appends to and reads the audit log. {@link #record} joins the caller's transaction. */
@ApplicationScoped
public class AuditLog implements PanacheRepositoryBase<AuditEvent, UUID> {

    public Uni<Void> record(UUID tenantId, Actor actor, String action, UUID tokenId, Map<String, Object> detail) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.tenantId = tenantId;
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.actor = actor.subject();
        event.source = actor.source();
        event.action = action;
        event.tokenId = tokenId;
        event.detail = detail;
        return persist(event).replaceWithVoid();
    }

    /** Newest first; {@code tenantId} null reads the vendor's own events; {@code tokenId} narrows to one token. */
    @WithSession
    public Uni<Page<AuditEntry>> page(UUID tenantId, UUID tokenId, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(tenantId == null ? "tenantId is null" : "tenantId = :tenant");
        if (tenantId != null) {
            params.put("tenant", tenantId);
        }
        if (tokenId != null) {
            where.append(" and tokenId = :token");
            params.put("token", tokenId);
        }
        String query = where.toString();
        return find(query + " order by occurredAt desc, id desc", params)
                .page(io.quarkus.panache.common.Page.of(page, size)).list()
                .flatMap(items -> count(query, params).map(total ->
                        new Page<>(items.stream().map(AuditEntry::from).toList(), page, size, total)));
    }
}
