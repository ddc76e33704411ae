package dev.latchkey.common.portal;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Where the API Tokens page may run from, besides the service's own origin (rbac-service and token-service). */
@ConfigMapping(prefix = "latchkey.portal")
public interface PortalConfig {

    /**
     * The exact browser origins ({@code https://admin.example.com}, comma-separated) whose pages may call the
     * management APIs: token-service's own when the page it serves calls rbac-service, and the vendor's app that embeds
     * the page. None by default: a cross-origin browser request is then refused. No wildcard, no pattern, no path.
     */
    Optional<List<String>> origins();
}
