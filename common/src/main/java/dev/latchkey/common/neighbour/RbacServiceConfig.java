package dev.latchkey.common.neighbour;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where rbac-service answers, for the services that call it or follow its change feed. */
@ConfigMapping(prefix = "latchkey.rbac-service")
public interface RbacServiceConfig {

    /** Base URL of rbac-service (its internal API and change feed); {@code quarkus.rest-client.rbac-service.url} follows it. */
    @WithDefault("http://127.0.0.1:8081")
    String url();
}
