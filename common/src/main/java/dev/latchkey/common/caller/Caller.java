package dev.latchkey.common.caller;

import dev.latchkey.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
        return new CallerClaims(false, uuid(jwt.getClaim("tenant_id")), jwt.getClaim("user_id"),
                strings("roles"), strings("permissions"));
    }

    private List<String> strings(String claim) {
        Object value = jwt.getClaim(claim);
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                out.add(text(item));
            }
        }
        return out;
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(text(value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Claims arrive as JSON-P values or plain Java ones, depending on the claim. */
    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
