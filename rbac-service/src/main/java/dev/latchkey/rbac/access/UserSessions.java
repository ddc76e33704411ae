package dev.latchkey.rbac.access;

import dev.latchkey.common.database.UniqueViolation;
import dev.latchkey.common.idp.UserDirectory;
import dev.latchkey.common.idp.UserSession;
import dev.latchkey.rbac.member.MembershipRepository;
import dev.latchkey.rbac.member.MembershipService;
import dev.latchkey.rbac.tenant.Tenant;
import dev.latchkey.rbac.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A user signed in through a vendor identity provider, as it stands now in the tenant its token names: the answer
 * rbac-service gives itself and token-service (through {@code POST /internal/user-sessions}). The tenant by id or by
 * external id; a tenant that does not exist gives a session in no tenant (every tenant is then "not found"); a user
 * who is no member joins with the given roles only when the provider allows that, once, however many first calls
 * race.
 */
@ApplicationScoped
public class UserSessions implements UserDirectory {

    private final TenantRepository tenants;
    private final MembershipRepository memberships;
    private final MembershipService membershipService;
    private final AccessService access;

    public UserSessions(TenantRepository tenants, MembershipRepository memberships, MembershipService membershipService,
            AccessService access) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.membershipService = membershipService;
        this.access = access;
    }

    @Override
    public Uni<UserSession> open(UserSession.Question question) {
        return tenant(question).flatMap(tenant -> {
            if (tenant == null) {
                return Uni.createFrom().item(new UserSession(null, question.userId(), false, List.of(), List.of()));
            }
            Uni<Void> joined = question.joinWithRoles() == null ? Uni.createFrom().voidItem()
                    : membershipService.join(tenant.id, question.userId(), question.joinWithRoles(), "idp:" + question.provider())
                            // a twin first call joined it already: the membership is there, which is all that was wanted
                            .onFailure(UniqueViolation::causedBy).recoverWithNull().replaceWithVoid();
            return joined.flatMap(ok -> standing(tenant.id, question.userId()));
        });
    }

    @WithSession
    Uni<Tenant> tenant(UserSession.Question question) {
        if (question.tenantId() != null) {
            return tenants.findById(question.tenantId());
        }
        return question.tenantExternalId() == null ? Uni.createFrom().nullItem()
                : tenants.findByExternalId(question.tenantExternalId());
    }

    @WithSession
    Uni<UserSession> standing(UUID tenantId, String userId) {
        return memberships.find(tenantId, userId).flatMap(membership -> membership == null
                ? Uni.createFrom().item(new UserSession(tenantId, userId, false, List.of(), List.of()))
                : access.ofUser(tenantId, userId).map(a -> new UserSession(tenantId, userId, true,
                        a.roles().stream().map(r -> r.key).toList(), List.copyOf(a.permissions()))));
    }
}
