package dev.latchkey.common.idp;

import dev.latchkey.common.caller.Caller;
import dev.latchkey.common.caller.ClaimValues;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified token of a vendor identity provider into a user session, the one way such a token acts: the user
 * its {@code user-claim} names, in the tenant its {@code tenant-claim} names (by id or external id), with the roles
 * the user holds there <em>now</em>, asked of {@link UserDirectory} on every call, so a membership removed or a role
 * taken away counts at the next call. Every other claim of the token is ignored: {@code token_type},
 * {@code permissions} or {@code roles} in it grant nothing. The session travels as the identity attribute
 * {@link Caller#USER_SESSION}, which {@link Caller} prefers to any claim. A user who is no member holds no permission
 * (403 for anything that needs one in its tenant, 404 in every other), unless the provider joins users just in time;
 * what needs no permission (its own access, the tenant's name) it may still read.
 */
@ApplicationScoped
public class IdentityProviderSessions implements SecurityIdentityAugmentor {

    private final IdentityProviders providers;
    private final UserDirectory directory;

    public IdentityProviderSessions(IdentityProviders providers, UserDirectory directory) {
        this.providers = providers;
        this.directory = directory;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        var provider = providers.provider(identity.getAttribute("tenant-id"));
        if (provider.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return directory.open(question(provider.get(), jwt)).map(session -> QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.USER_SESSION, session.callerClaims())
                .addAttribute(Caller.IDENTITY_PROVIDER, provider.get().getKey())
                .build());
    }

    /** What to ask about the token's user; a token without a usable user id is not a user's (401). */
    static UserSession.Question question(Map.Entry<String, IdentityProviderConfig.Provider> named, JsonWebToken jwt) {
        IdentityProviderConfig.Provider provider = named.getValue();
        String userId = ClaimValues.text(jwt.getClaim(provider.userClaim()));
        if (userId == null || userId.isBlank() || userId.length() > 200 || userId.chars().anyMatch(Character::isISOControl)) {
            throw new AuthenticationFailedException("The identity provider's token names no usable user in claim "
                    + provider.userClaim());
        }
        String tenant = single(jwt.getClaim(provider.tenantClaim()));
        boolean byId = provider.tenantKey() == IdentityProviderConfig.TenantKey.ID;
        UUID tenantId = byId ? ClaimValues.uuid(tenant) : null;
        String externalId = byId || tenant == null || tenant.isBlank() || tenant.length() > 200 ? null : tenant;
        List<String> join = provider.jitMembership() ? provider.jitRoles().orElse(List.of()) : null;
        return new UserSession.Question(tenantId, externalId, userId, named.getKey(), join);
    }

    /** A claim's one value: a string, or a list of exactly one (a multivalued attribute with one value); else null. */
    static String single(Object claim) {
        if (claim instanceof Iterable<?>) {
            List<String> values = ClaimValues.strings(claim);
            return values.size() == 1 ? values.get(0) : null;
        }
        return ClaimValues.text(claim);
    }
}
