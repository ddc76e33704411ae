package dev.latchkey.rbac.tenant;

import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.changefeed.ChangeType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.api.Metadata;
import dev.latchkey.common.api.Page;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.rbac.access.AccessService;
import dev.latchkey.rbac.tenant.api.TenantResponse;
import dev.latchkey.rbac.tenant.api.UpdateTenantRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final Outbox outbox;
    private final ObjectMapper json;

    public TenantService(TenantRepository tenants, Outbox outbox, ObjectMapper json) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.json = json;
    }

    @WithTransaction
    public Uni<TenantResponse> create(String name, Map<String, Object> metadata, String externalId, String createdBy) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = name.strip();
        tenant.metadata = Metadata.checked("metadata", metadata, json);
        tenant.externalId = externalId;
        tenant.createdBy = createdBy;
        // PostgreSQL keeps microseconds: truncate so the response equals what a later read returns.
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tenant.updatedAt = tenant.createdAt;
        return requireFreeExternalId(externalId, tenant.id).flatMap(free -> tenants.persist(tenant))
                .call(t -> outbox.append(ChangeType.TENANT_CREATED, t.id, new Payload.Tenant(t.name)))
                .map(TenantResponse::from);
    }

    @WithSession
    public Uni<TenantResponse> get(UUID id) {
        return find(id).map(TenantResponse::from);
    }

    @WithSession
    public Uni<Page<TenantResponse>> list(int page, int size) {
        return tenants.page(page, size).flatMap(items -> tenants.count()
                .map(total -> new Page<>(items.stream().map(TenantResponse::from).toList(), page, size, total)));
    }

    @WithTransaction
    public Uni<TenantResponse> update(UUID id, UpdateTenantRequest request) {
        Map<String, Object> metadata = request.metadata() == null ? null : Metadata.checked("metadata", request.metadata(), json);
        return find(id).call(tenant -> requireFreeExternalId(request.externalId(), id)).flatMap(tenant -> {
            if (request.externalId() != null) {
                tenant.externalId = request.externalId();
            }
            if (request.name() != null) {
                tenant.name = request.name().strip();
            }
            if (metadata != null) {
                tenant.metadata = metadata;
            }
            tenant.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return outbox.append(ChangeType.TENANT_UPDATED, id, new Payload.Tenant(tenant.name)).replaceWith(tenant);
        }).map(TenantResponse::from);
    }

    /** An external id names one tenant: another tenant's is a conflict (a race past this check is one too: ProblemMappers). */
    private Uni<Void> requireFreeExternalId(String externalId, UUID tenantId) {
        if (externalId == null) {
            return Uni.createFrom().voidItem();
        }
        return tenants.findByExternalId(externalId).invoke(holder -> {
            if (holder != null && !holder.id.equals(tenantId)) {
                throw ProblemException.conflict("duplicate-external-id", "Another tenant has the external id " + externalId);
            }
        }).replaceWithVoid();
    }

    /** Final: the tenant's memberships, assignments and roles go with it, and token-service ends its tokens. */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id).flatMap(tenant -> tenants.delete(tenant))
                .call(() -> outbox.append(ChangeType.TENANT_DELETED, id, new Payload.Tenant(null)));
    }

    private Uni<Tenant> find(UUID id) {
        return tenants.findById(id).onItem().ifNull().failWith(() -> AccessService.tenantNotFound(id));
    }
}
