package dev.latchkey.rbac.permission;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PermissionRepository implements PanacheRepositoryBase<Permission, String> {

    public Uni<List<Permission>> all() {
        return listAll(Sort.ascending("key"));
    }

    public Uni<List<String>> keys() {
        return getSession().flatMap(s -> s.createSelectionQuery("select p.key from Permission p order by p.key", String.class)
                .getResultList());
    }
}
