package dev.latchkey.rbac.role;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RoleRepository implements PanacheRepositoryBase<Role, UUID> {

    private static final String USABLE = "(tenantId is null or tenantId = ?1)";

    /** Global roles and the tenant's own, strongest first. */
    public Uni<List<Role>> usableIn(UUID tenantId) {
        return list(USABLE + " order by level, key", tenantId);
    }

    public Uni<List<Role>> global() {
        return list("tenantId is null order by level, key");
    }

    /** The roles among {@code ids} that may be used in the tenant; foreign and missing ids are simply absent. */
    public Uni<List<Role>> usableIn(UUID tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(USABLE + " and id in ?2", tenantId, ids);
    }

    public Uni<List<Role>> usableByKey(UUID tenantId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(USABLE + " and key in ?2", tenantId, keys);
    }

    /** A key may not repeat among the roles usable in a tenant: global keys are taken in every tenant. */
    public Uni<Boolean> keyTaken(UUID tenantId, String key) {
        return tenantId == null
                ? count("key = ?1", key).map(n -> n > 0)
                : count(USABLE + " and key = ?2", tenantId, key).map(n -> n > 0);
    }
}
