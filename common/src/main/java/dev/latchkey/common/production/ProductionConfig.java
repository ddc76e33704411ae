package dev.latchkey.common.production;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Explicit exceptions to what the prod profile refuses at start-up (ADR 0013). */
@ConfigMapping(prefix = "latchkey")
public interface ProductionConfig {

    /** Whether the prod profile may start with an {@code http://} issuer (a laptop or the system tests, never a deployment). */
    @WithDefault("false")
    boolean allowInsecureIssuer();
}
