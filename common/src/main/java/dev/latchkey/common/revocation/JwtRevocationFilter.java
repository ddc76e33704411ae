package dev.latchkey.common.revocation;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.problem.BearerChallenge;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemMappers;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request with a bearer JWT, on every management endpoint of a service that keeps revocations
 * ({@code latchkey.revocation.enabled}): a JWT that was voided since it was issued is refused with 401
 * {@code invalid_token}, exactly like an expired one. While a feed that says so is stale, the request waits for it to
 * answer again, at most the stale bound, then gets 503 (ADR 0016).
 */
public class JwtRevocationFilter {

    private final RevocationGuard guard;
    private final Instance<CurrentIdentityAssociation> identity;

    /**
     * Through {@link Instance}: a service without bearer authentication (auth-service, which keeps revocations for
     * introspection) still deploys this filter, and it does nothing there.
     */
    public JwtRevocationFilter(RevocationGuard guard, Instance<CurrentIdentityAssociation> identity) {
        this.guard = guard;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> refuseVoided(ContainerRequestContext request) {
        if (!guard.enabled() || identity.isUnsatisfied() || request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        return identity.get().getDeferredIdentity().flatMap(id -> {
            // A vendor identity provider's user is checked live at every call (IdentityProviderSessions), not here.
            if (id.isAnonymous() || !(id.getPrincipal() instanceof JsonWebToken jwt) || id.getAttribute(Caller.USER_SESSION) != null) {
                return Uni.createFrom().nullItem();
            }
            return guard.freshSoon().map(fresh -> fresh
                    ? guard.voided(claims(jwt)).map(JwtRevocationFilter::invalidToken).orElse(null)
                    : ProblemMappers.respond(Problem.of("dependency-unavailable", "Service unavailable", 503,
                            "Revoked tokens cannot be told apart right now; retry shortly")));
        });
    }

    static Revocations.Claims claims(JsonWebToken jwt) {
        return Revocations.Claims.of(jwt.getTokenID(), jwt.getIssuedAtTime(), jwt.getClaim("token_id"),
                jwt.getClaim("tenant_id"), jwt.getClaim("user_id"), jwt.getClaim("roles"));
    }

    private static Response invalidToken(String why) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.INVALID_TOKEN)
                .entity(Problem.of("unauthorized", "Unauthorized", 401, "The bearer token is no longer valid: " + why))
                .build();
    }
}
