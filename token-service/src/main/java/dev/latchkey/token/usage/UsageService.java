package dev.latchkey.token.usage;

import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.token.token.ApiTokenRepository;
import dev.latchkey.token.audit.Actor;
import dev.latchkey.token.audit.AuditLog;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.usage.api.UsageReport;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies auth-service's batches: {@code lastUsedAt} moves forward only (one UPDATE per token per batch, never a
 * write per exchange), and each failed use becomes an audit entry of the token's tenant.
 */
@ApplicationScoped
public class UsageService {

    private static final Actor AUTH_SERVICE = new Actor("auth-service", null);

    private final AuditLog audit;
    private final ApiTokenRepository tokens;

    public UsageService(AuditLog audit, ApiTokenRepository tokens) {
        this.audit = audit;
        this.tokens = tokens;
    }

    @WithTransaction
    public Uni<Void> apply(UsageReport report) {
        Map<UUID, Instant> latest = new HashMap<>();
        for (UsageReport.Use use : orEmpty(report.used())) {
            latest.merge(use.tokenId(), use.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, Instant> use : latest.entrySet()) {
            chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createMutationQuery(
                            "update ApiToken set lastUsedAt = :at where id = :id and (lastUsedAt is null or lastUsedAt < :at)")
                    .setParameter("at", use.getValue()).setParameter("id", use.getKey()).executeUpdate()).replaceWithVoid());
        }
        for (UsageReport.Failure failure : orEmpty(report.failures())) {
            chain = chain.chain(() -> tokenOf(failure).flatMap(token -> {
                UUID tenant = token == null ? null : token.tenantId;
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("reason", failure.reason());
                detail.put("at", failure.at().toString());
                if (failure.clientId() != null) {
                    detail.put("clientId", failure.clientId());
                }
                return audit.record(tenant, new Actor(AUTH_SERVICE.subject(), failure.source()), "use.failed",
                        token == null ? failure.tokenId() : token.id, detail);
            }));
        }
        return chain;
    }

    /**
     * The token a failure concerns: by id, or by the client id it named, so that a wrong secret for a known client id
     * lands in that token's tenant's audit log (not the vendor's), however auth-service learned of it.
     */
    private Uni<ApiToken> tokenOf(UsageReport.Failure failure) {
        if (failure.tokenId() != null) {
            return Panache.getSession().flatMap(s -> s.find(ApiToken.class, failure.tokenId()));
        }
        if (failure.clientId() != null && SecretFormat.isClientId(failure.clientId())) {
            return tokens.findByClientId(failure.clientId());
        }
        return Uni.createFrom().nullItem();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
