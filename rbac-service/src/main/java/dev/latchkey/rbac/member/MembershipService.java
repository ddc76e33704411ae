package dev.latchkey.rbac.member;

import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.common.access.Permission;
import dev.latchkey.common.api.Page;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.rbac.access.Access;
import dev.latchkey.rbac.access.AccessService;
import dev.latchkey.rbac.access.GrantCheck;
import dev.latchkey.rbac.member.api.MemberResponse;
import dev.latchkey.rbac.role.Role;
import dev.latchkey.rbac.role.RoleRepository;
import dev.latchkey.common.caller.CallerClaims;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Users' memberships in a tenant and their roles there. Adding or removing a role, like removing a user, is within
 * the caller's reach only when the caller could give every role concerned (GrantCheck.reach: level and permission rule).
 */
@ApplicationScoped
public class MembershipService {

    /** What a PUT did: created the membership, or replaced its roles. */
    public record Saved(boolean created, MemberResponse member) {
    }

    private final MembershipRepository memberships;
    private final RoleRepository roles;
    private final AccessService access;
    private final Outbox outbox;

    public MembershipService(MembershipRepository memberships, RoleRepository roles, AccessService access, Outbox outbox) {
        this.memberships = memberships;
        this.roles = roles;
        this.access = access;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<Page<MemberResponse>> list(UUID tenantId, int page, int size, CallerClaims caller) {
        return access.require(caller, tenantId, Permission.USERS_READ)
                .flatMap(a -> memberships.page(tenantId, page, size))
                .flatMap(items -> memberships.rolesOf(items.stream().map(m -> m.id).toList())
                        .flatMap(rolesByMember -> memberships.countIn(tenantId).map(total -> new Page<>(
                                items.stream().map(m -> MemberResponse.from(m, rolesByMember.getOrDefault(m.id, List.of())))
                                        .toList(), page, size, total))));
    }

    @WithSession
    public Uni<MemberResponse> get(UUID tenantId, String userId, CallerClaims caller) {
        return access.require(caller, tenantId, Permission.USERS_READ)
                .flatMap(a -> existing(tenantId, userId))
                .flatMap(m -> memberships.rolesOf(tenantId, userId).map(held -> MemberResponse.from(m, held)));
    }

    @WithTransaction
    public Uni<Saved> put(UUID tenantId, String userId, List<UUID> roleIds, CallerClaims caller, String actor) {
        return access.require(caller, tenantId, Permission.USERS_WRITE).flatMap(callerAccess ->
                memberships.find(tenantId, userId).flatMap(membership ->
                        (membership == null ? Uni.createFrom().item(List.<Role>of()) : memberships.rolesOf(tenantId, userId))
                                .flatMap(current -> roles.usableIn(tenantId, roleIds).flatMap(wanted -> {
                                    enforceReach(callerAccess, roleIds, current, wanted);
                                    return save(tenantId, userId, membership, current, wanted, actor);
                                }))));
    }

    /**
     * Just-in-time membership for a user of a vendor identity provider that allows it: a user who is no member joins
     * with the roles of these keys usable in the tenant (unknown keys give nothing); a member stays as it is.
     */
    @WithTransaction
    public Uni<Void> join(UUID tenantId, String userId, List<String> roleKeys, String actor) {
        return memberships.find(tenantId, userId).flatMap(membership -> membership != null ? Uni.createFrom().voidItem()
                : roles.usableByKey(tenantId, roleKeys)
                        .flatMap(wanted -> save(tenantId, userId, null, List.of(), wanted, actor)).replaceWithVoid());
    }

    @WithTransaction
    public Uni<Void> remove(UUID tenantId, String userId, CallerClaims caller) {
        return access.require(caller, tenantId, Permission.USERS_WRITE).flatMap(callerAccess ->
                existing(tenantId, userId).flatMap(membership -> memberships.rolesOf(tenantId, userId).flatMap(held -> {
                    List<GrantRefusal> refusals = new ArrayList<>();
                    for (Role role : held) {
                        refusals.addAll(GrantCheck.reach("userId", role, callerAccess));
                    }
                    GrantRefusal.enforce(refusals);
                    return memberships.delete(membership)
                            .call(() -> outbox.append(ChangeType.MEMBERSHIP_REMOVED, tenantId, Payload.Membership.of(userId)));
                })));
    }

    /** Every role given and every role taken away must be within the caller's reach. */
    private static void enforceReach(Access caller, List<UUID> roleIds, List<Role> current, List<Role> wanted) {
        List<GrantRefusal> refusals = new ArrayList<>(GrantCheck.check(caller, roleIds, wanted, List.of(), List.of()));
        Set<UUID> keep = wanted.stream().map(r -> r.id).collect(Collectors.toSet());
        for (Role role : current) {
            if (!keep.contains(role.id)) {
                refusals.addAll(GrantCheck.reach("roleIds", role, caller));
            }
        }
        GrantRefusal.enforce(refusals);
    }

    private Uni<Saved> save(UUID tenantId, String userId, Membership existing, List<Role> current, List<Role> wanted,
            String actor) {
        boolean created = existing == null;
        Membership membership = existing;
        if (created) {
            membership = new Membership();
            membership.id = UUID.randomUUID();
            membership.tenantId = tenantId;
            membership.userId = userId;
            membership.createdBy = actor;
            membership.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        Membership saved = membership;
        Set<UUID> wantedIds = wanted.stream().map(r -> r.id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> currentIds = current.stream().map(r -> r.id).collect(Collectors.toSet());
        List<Role> ordered = wanted.stream().sorted((a, b) -> a.level != b.level ? Integer.compare(a.level, b.level)
                : a.key.compareTo(b.key)).toList();
        Uni<?> persisted = created ? memberships.persist(saved) : Uni.createFrom().voidItem();
        return persisted
                .flatMap(x -> memberships.assignments(saved.id))
                .flatMap(assignments -> {
                    // One session: its operations run one after another, never side by side.
                    Uni<Void> changes = Uni.createFrom().voidItem();
                    for (RoleAssignment a : assignments) {
                        if (!wantedIds.contains(a.roleId)) {
                            changes = changes.chain(() -> memberships.getSession().chain(s -> s.remove(a)));
                        }
                    }
                    for (UUID roleId : wantedIds) {
                        if (!currentIds.contains(roleId)) {
                            RoleAssignment a = new RoleAssignment();
                            a.id = UUID.randomUUID();
                            a.membershipId = saved.id;
                            a.roleId = roleId;
                            changes = changes.chain(() -> memberships.getSession().chain(s -> s.persist(a)));
                        }
                    }
                    return changes;
                })
                .call(() -> created ? outbox.append(ChangeType.MEMBERSHIP_ADDED, tenantId, Payload.Membership.of(userId))
                        : Uni.createFrom().voidItem())
                .call(() -> outbox.append(ChangeType.MEMBERSHIP_ROLES_CHANGED, tenantId, new Payload.Membership(userId,
                        ordered.stream().map(r -> r.id).toList(), ordered.stream().map(r -> r.key).toList(),
                        current.stream().filter(r -> !wantedIds.contains(r.id)).map(r -> r.key).sorted().toList())))
                .map(x -> new Saved(created, MemberResponse.from(saved, ordered)));
    }

    private Uni<Membership> existing(UUID tenantId, String userId) {
        return memberships.find(tenantId, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId + " in tenant " + tenantId));
    }
}
