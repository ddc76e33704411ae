package dev.latchkey.rbac.permission;

import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.permission.api.PermissionResponse;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@ApplicationScoped
public class PermissionService {

    private final PermissionRepository permissions;
    private final Outbox outbox;

    public PermissionService(PermissionRepository permissions, Outbox outbox) {
        this.permissions = permissions;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<PermissionResponse>> list() {
        return permissions.all().map(all -> all.stream().map(PermissionResponse::from).toList());
    }

    @WithSession
    public Uni<PermissionResponse> get(String key) {
        return permissions.findById(key)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Permission " + key))
                .map(PermissionResponse::from);
    }

    @WithTransaction
    public Uni<PermissionResponse> create(String key, String description) {
        return permissions.findById(key).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("duplicate-key", "Permission " + key + " exists");
            }
            Permission permission = new Permission();
            permission.key = key;
            permission.description = description == null ? "" : description.strip();
            permission.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return permissions.persist(permission)
                    .call(p -> outbox.append(ChangeType.PERMISSION_CREATED, null, new Payload.PermissionKey(key)))
                    .map(PermissionResponse::from);
        });
    }
}
