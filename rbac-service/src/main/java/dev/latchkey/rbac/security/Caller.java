package dev.latchkey.rbac.security;

import dev.latchkey.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified bearer JWT that auth-service issued (ADR 0005 names the claims). */
@RequestScoped
public class Caller {

    /** {@code token_type} of a vendor credential: may do everything, in no tenant. */
    public static final String VENDOR = "vendor";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String subject() {
        return jwt.getSubject();
    }

    public boolean isVendor() {
        return VENDOR.equals(jwt.getClaim("token_type"));
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
        if (value instanceof Iterable<?> items) {
            List<String> out = new java.util.ArrayList<>();
            for (Object item : items) {
                out.add(item instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(item));
            }
            return out;
        }
        return List.of();
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value instanceof jakarta.json.JsonString s ? s.getString() : value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
