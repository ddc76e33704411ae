package dev.latchkey.rbac.member;

import dev.latchkey.rbac.role.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, UUID> {

    public Uni<Membership> find(UUID tenantId, String userId) {
        return find("tenantId = ?1 and userId = ?2", tenantId, userId).firstResult();
    }

    /** Newest first. */
    public Uni<List<Membership>> page(UUID tenantId, int page, int size) {
        return find("tenantId = ?1 order by createdAt desc, id desc", tenantId).page(Page.of(page, size)).list();
    }

    public Uni<Long> countIn(UUID tenantId) {
        return count("tenantId", tenantId);
    }

    /** The roles the user holds in the tenant now, strongest first. */
    public Uni<List<Role>> rolesOf(UUID tenantId, String userId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select r from Role r where r.id in (select a.roleId from RoleAssignment a, Membership m"
                                + " where a.membershipId = m.id and m.tenantId = ?1 and m.userId = ?2)"
                                + " order by r.level, r.key", Role.class)
                .setParameter(1, tenantId).setParameter(2, userId)
                .getResultList());
    }

    /** The roles of each membership, for a page of them. */
    public Uni<Map<UUID, List<Role>>> rolesOf(Collection<UUID> membershipIds) {
        if (membershipIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select a.membershipId, r from RoleAssignment a, Role r where a.roleId = r.id"
                                + " and a.membershipId in ?1 order by r.level, r.key", Object[].class)
                .setParameter(1, membershipIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<Role>> byMembership = new HashMap<>();
                    for (Object[] row : rows) {
                        byMembership.computeIfAbsent((UUID) row[0], k -> new java.util.ArrayList<>()).add((Role) row[1]);
                    }
                    return byMembership;
                });
    }

    public Uni<List<RoleAssignment>> assignments(UUID membershipId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "from RoleAssignment where membershipId = ?1", RoleAssignment.class)
                .setParameter(1, membershipId).getResultList());
    }
}
