package dev.latchkey.token.rbac;

import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.grant.GrantRefusal;
import dev.latchkey.common.idp.UserDirectory;
import dev.latchkey.common.idp.UserSession;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The questions token-service asks rbac-service before it gives a token roles or permissions. rbac-service decides
 * (one rule, ADR 0007); this turns its answers into the caller's problem, and its absence into a 503, never a 5xx
 * that blames the caller's input.
 */
@ApplicationScoped
public class RbacGate implements UserDirectory {

    private static final Logger LOG = Logger.getLogger(RbacGate.class);

    private final RbacClient rbac;

    public RbacGate(@RestClient RbacClient rbac) {
        this.rbac = rbac;
    }

    /**
     * The level rule and the permission rule for roles or permissions, asked of rbac-service for this caller.
     *
     * @param existing the rights a token already has (managing it): a role or key that no longer exists grants
     *                 nothing and is not held against the caller
     */
    public Uni<Void> requireGrantable(UUID tenantId, CallerClaims caller, List<UUID> roleIds, List<String> permissions,
            boolean existing) {
        if (caller.vendor() && existing) {
            return Uni.createFrom().voidItem();
        }
        return guarded(tenantId, rbac.grantCheck(tenantId, new RbacClient.GrantQuestion(caller, roleIds, permissions)))
                .invoke(answer -> GrantRefusal.enforce(answer.refusals().stream()
                        .filter(r -> !existing || (r.reason() != GrantRefusal.Reason.UNKNOWN_ROLE
                                && r.reason() != GrantRefusal.Reason.UNKNOWN_PERMISSION))
                        .map(r -> new GrantRefusal(r.field().replace("permissions[", "permissionIds["), r.value(),
                                r.reason(), r.detail()))
                        .toList()))
                .replaceWithVoid();
    }

    /** A personal token may only narrow its user's roles: every role id must be one the user holds now. */
    public Uni<RbacClient.UserAccess> requireHeldRoles(UUID tenantId, String userId, List<UUID> roleIds) {
        return userAccess(tenantId, userId).invoke(access -> {
            if (!access.member()) {
                throw ProblemException.forbidden("The user is not a member of this tenant");
            }
            Set<UUID> held = access.roles().stream().map(RbacClient.RoleRef::id).collect(Collectors.toSet());
            List<Problem.Violation> violations = new ArrayList<>();
            for (int i = 0; i < roleIds.size(); i++) {
                if (!held.contains(roleIds.get(i))) {
                    violations.add(new Problem.Violation("roleIds[" + i + "]", "not one of the user's roles"));
                }
            }
            if (!violations.isEmpty()) {
                throw new ProblemException(new Problem(Problem.TYPE_PREFIX + "role-not-held", "Role not held", 403,
                        "A personal token may only carry roles its user holds", violations));
            }
        });
    }

    /** The caller reaches the user: may give every role the user holds (the level rule). */
    public Uni<Void> requireOutranks(UUID tenantId, CallerClaims caller, String userId) {
        if (caller.vendor()) {
            return Uni.createFrom().voidItem();
        }
        return userAccess(tenantId, userId)
                .flatMap(access -> requireGrantable(tenantId, caller,
                        access.roles().stream().map(RbacClient.RoleRef::id).toList(), List.of(), true));
    }

    /** A user signed in through a vendor identity provider, as rbac-service sees it now (common IdentityProviderSessions). */
    @Override
    public Uni<UserSession> open(UserSession.Question question) {
        return guarded(question.tenantId(), rbac.openUserSession(question));
    }

    public Uni<RbacClient.UserAccess> userAccess(UUID tenantId, String userId) {
        return guarded(tenantId, rbac.userAccess(tenantId, userId));
    }

    /**
     * rbac-service's answers, as the caller's problem: its 404 is the tenant's absence; its other 4xx mean the question
     * itself was refused (an id or value rbac-service will not take), so the caller gets 400, never a 5xx; only its
     * absence or its 5xx is a 503.
     */
    private <T> Uni<T> guarded(UUID tenantId, Uni<T> call) {
        return call.onFailure().transform(e -> {
            int status = e instanceof WebApplicationException w ? w.getResponse().getStatus() : 0;
            if (status == 404) {
                return ProblemException.notFound("Tenant " + tenantId);
            }
            if (status >= 400 && status < 500) {
                LOG.infof("rbac-service refused a question for tenant %s with %d", tenantId, status);
                return new ProblemException(Problem.of("validation", "Invalid request", 400,
                        "The roles or users named cannot be checked: rbac-service refused them"));
            }
            LOG.warnf("rbac-service did not answer for tenant %s: %s", tenantId, e.getClass().getSimpleName());
            return new ProblemException(Problem.of("dependency-unavailable", "Service unavailable", 503,
                    "Roles cannot be checked right now; retry shortly"));
        });
    }
}
