package dev.latchkey.common.changefeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Appends a change to the outbox in the caller's current transaction (call it inside a {@code @WithTransaction}
 * method): the change is in the feed exactly when the write it describes is committed.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Appends {@code type} with its {@code data} (the record {@link ChangeType#payload} names). */
    public Uni<Void> append(ChangeType type, UUID tenantId, Record data) {
        if (!type.payload.isInstance(data)) {
            return Uni.createFrom().failure(new IllegalArgumentException(type.wire + " takes " + type.payload.getSimpleName()));
        }
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // Bound as text, then cast: a String bound straight to jsonb would be stored as a JSON string.
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("INSERT INTO outbox (type, tenant_id, data) VALUES (:type, :tenant, CAST(CAST(:data AS text) AS jsonb))")
                        .setParameter("type", type.wire)
                        .setParameter("tenant", tenantId)
                        .setParameter("data", payload)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
