package dev.latchkey.rbac.tenant;

import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.tenant.api.TenantPage;
import dev.latchkey.rbac.tenant.api.TenantResponse;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;

    public TenantService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @WithTransaction
    public Uni<TenantResponse> create(String name, String createdBy) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = name.strip();
        tenant.createdBy = createdBy;
        // PostgreSQL keeps microseconds: truncate so the response equals what a later read returns.
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return tenants.persist(tenant).map(TenantResponse::from);
    }

    @WithSession
    public Uni<TenantResponse> get(UUID id) {
        return tenants.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tenant " + id))
                .map(TenantResponse::from);
    }

    @WithSession
    public Uni<TenantPage> list(int page, int size) {
        return tenants.page(page, size).flatMap(items -> tenants.count()
                .map(total -> new TenantPage(items.stream().map(TenantResponse::from).toList(), page, size, total)));
    }
}
