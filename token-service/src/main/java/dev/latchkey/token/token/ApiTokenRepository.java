package dev.latchkey.token.token;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    public Uni<ApiToken> findByClientId(String clientId) {
        return find("clientId", clientId).firstResult();
    }

    public Uni<ApiToken> findBootstrap() {
        return find("bootstrap", true).firstResult();
    }
}
