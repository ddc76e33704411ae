package dev.latchkey.token.token;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    public Uni<ApiToken> findByClientId(String clientId) {
        return find("clientId", clientId).firstResult();
    }

    /** The access token whose current, or previous, key hashes to {@code hash}. */
    public Uni<ApiToken> findByAccessKeyHash(byte[] hash) {
        return find("type = ?1 and (secretHash = ?2 or previousSecretHash = ?2)", TokenType.ACCESS_TOKEN, hash).firstResult();
    }

    public Uni<ApiToken> findBootstrap() {
        return find("bootstrap", true).firstResult();
    }

    /** A token of the tenant in this context; null when missing or another tenant's. */
    public Uni<ApiToken> findIn(UUID tenantId, TokenContext context, UUID id) {
        return find("id = ?1 and tenantId = ?2 and context = ?3", id, tenantId, context).firstResult();
    }

    /** Newest first. {@code userId} null lists the tenant's tokens of the context; else one user's personal tokens. */
    public Uni<List<ApiToken>> page(UUID tenantId, TokenContext context, String userId, int page, int size) {
        return userId == null
                ? find("tenantId = ?1 and context = ?2 order by createdAt desc, id desc", tenantId, context)
                        .page(Page.of(page, size)).list()
                : find("tenantId = ?1 and context = ?2 and userId = ?3 order by createdAt desc, id desc", tenantId, context, userId)
                        .page(Page.of(page, size)).list();
    }

    public Uni<Long> countIn(UUID tenantId, TokenContext context, String userId) {
        return userId == null
                ? count("tenantId = ?1 and context = ?2", tenantId, context)
                : count("tenantId = ?1 and context = ?2 and userId = ?3", tenantId, context, userId);
    }
}
