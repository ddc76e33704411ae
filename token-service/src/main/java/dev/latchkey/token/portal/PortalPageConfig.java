package dev.latchkey.token.portal;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * What the API Tokens page served under {@code /portal/} needs to know of its neighbours, as the user's browser reaches
 * them (which inside Kubernetes is not the address token-service itself uses).
 */
@ConfigMapping(prefix = "latchkey.portal")
public interface PortalPageConfig {

    /** rbac-service's public URL, which the page calls for the user's rights and the roles; unset: the page's host. */
    Optional<String> rbacUrl();

    /** auth-service's public URL, which the page names where it tells how to exchange a new secret; unset: the page's host. */
    Optional<String> authUrl();
}
