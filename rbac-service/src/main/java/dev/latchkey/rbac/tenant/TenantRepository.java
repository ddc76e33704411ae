package dev.latchkey.rbac.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    public Uni<Tenant> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResult();
    }

    /** Newest first, ties broken by id so that pages never overlap. */
    public Uni<List<Tenant>> page(int page, int size) {
        return findAll(Sort.descending("createdAt", "id")).page(Page.of(page, size)).list();
    }
}
