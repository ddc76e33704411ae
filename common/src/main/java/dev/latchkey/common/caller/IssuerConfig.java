package dev.latchkey.common.caller;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where bearer JWTs come from: rbac-service and token-service verify them against auth-service's JWKS
 * (quarkus-oidc's default tenant, {@code quarkus.oidc.*}, is derived from these keys); auth-service issues them ({@code AuthConfig}).
 */
@ConfigMapping(prefix = "latchkey.auth")
public interface IssuerConfig {

    /** Base URL of auth-service, whose {@code /.well-known/jwks.json} verifies bearer JWTs (not used by auth-service). */
    Optional<String> url();

    /** The {@code iss} every JWT carries and every service expects; https in the prod profile unless {@code latchkey.allow-insecure-issuer}. */
    Optional<String> issuer();
}
