package dev.latchkey.common.neighbour;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where token-service answers, for the services that call it or follow its change feed. */
@ConfigMapping(prefix = "latchkey.token-service")
public interface TokenServiceConfig {

    /** Base URL of token-service (its internal API and change feed); {@code quarkus.rest-client.token-service.url} follows it. */
    @WithDefault("http://127.0.0.1:8082")
    String url();
}
