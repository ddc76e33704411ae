package dev.latchkey.rbac.security;

import dev.latchkey.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified bearer JWT that auth-service issued. */
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
}
