package dev.latchkey.common.caller;

import dev.latchkey.common.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: a user signed in through a vendor identity provider (its live session, {@link #USER_SESSION}), or
 * else whoever auth-service's verified bearer JWT says (ADR 0005 names the claims).
 */
@RequestScoped
public class Caller {

    /** {@code token_type} of a vendor credential: may do everything, in no tenant. */
    public static final String VENDOR = "vendor";
    /**
     * The identity attribute holding the {@link CallerClaims} of a user signed in through a vendor identity provider,
     * set by common IdentityProviderSessions after the provider's token was verified; when present, no claim of the
     * token itself counts.
     */
    public static final String USER_SESSION = "latchkey.user-session";
    /** The identity attribute naming the identity provider of such a user. */
    public static final String IDENTITY_PROVIDER = "latchkey.identity-provider";

    private final JsonWebToken jwt;
    private final CallerClaims session;
    private final String identityProvider;

    /** Through {@link Instance}: a service without bearer authentication (auth-service) still deploys this bean. */
    public Caller(Instance<JsonWebToken> jwt, Instance<SecurityIdentity> identity) {
        this.jwt = jwt.get();
        SecurityIdentity id = identity.isResolvable() ? identity.get() : null;
        this.session = id == null ? null : id.getAttribute(USER_SESSION);
        this.identityProvider = id == null ? null : id.getAttribute(IDENTITY_PROVIDER);
    }

    /** The subject: a client id, or the user id of a personal token or user session. */
    public String subject() {
        return session != null ? session.userId() : jwt.getSubject();
    }

    /**
     * The vendor with all its powers: a vendor token whose scope was narrowed at issuance is not (ADR 0010), and a
     * vendor identity provider's token never is.
     */
    public boolean isVendor() {
        return session == null && VENDOR.equals(jwt.getClaim("token_type")) && strings("permissions").contains("*");
    }

    public void requireVendor() {
        if (!isVendor()) {
            throw ProblemException.forbidden("Only the vendor may do this");
        }
    }

    public CallerClaims claims() {
        if (session != null) {
            return session;
        }
        if (isVendor()) {
            return CallerClaims.vendorClaims();
        }
        return new CallerClaims(false, ClaimValues.uuid(jwt.getClaim("tenant_id")), jwt.getClaim("user_id"),
                strings("roles"), strings("permissions"));
    }

    /** The vendor identity provider the caller signed in with; null for auth-service's tokens. */
    public String identityProvider() {
        return identityProvider;
    }

    private List<String> strings(String claim) {
        return ClaimValues.strings(jwt.getClaim(claim));
    }
}
