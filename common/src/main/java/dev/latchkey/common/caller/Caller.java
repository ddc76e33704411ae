package dev.latchkey.common.caller;

import dev.latchkey.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified bearer JWT that auth-service issued (ADR 0005 names the claims). */
@RequestScoped
public class Caller {

    /** {@code token_type} of a vendor credential: may do everything, in no tenant. */
    public static final String VENDOR = "vendor";

    private final JsonWebToken jwt;

    /** Through {@link Instance}: a service without JWT authentication (auth-service) still deploys this bean. */
    public Caller(Instance<JsonWebToken> jwt) {
        this.jwt = jwt.get();
    }

    /** The subject: a client id, or the user id of a personal token or user session. */
    public String subject() {
        return jwt.getSubject();
    }

    /** The vendor with all its powers: a vendor token whose scope was narrowed at issuance is not (ADR 0010). */
    public boolean isVendor() {
        return VENDOR.equals(jwt.getClaim("token_type")) && strings("permissions").contains("*");
    }

    public void requireVendor() {
        if (!isVendor()) {
            throw ProblemException.forbidden("Only the vendor may do this");
        }
    }

    public CallerClaims claims() {
        if (isVendor()) {
            return CallerClaims.vendorClaims();
        }
        return new CallerClaims(false, ClaimValues.uuid(jwt.getClaim("tenant_id")), jwt.getClaim("user_id"),
                strings("roles"), strings("permissions"));
    }

    private List<String> strings(String claim) {
        return ClaimValues.strings(jwt.getClaim(claim));
    }
}
