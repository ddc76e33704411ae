package dev.latchkey.auth.jwk;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /** Keys that are still published: not retired, or retired while tokens they signed may live. */
    public Uni<List<SigningKey>> published() {
        return listAll(Sort.descending("signsFrom"));
    }

    /** Serialises key creation across replicas for the rest of the transaction. */
    public Uni<Integer> lockForCreation() {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7261001)) AS l", Integer.class)
                .getSingleResult());
    }
}
