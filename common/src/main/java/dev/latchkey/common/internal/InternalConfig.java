package dev.latchkey.common.internal;

import io.smallrye.config.ConfigMapping;

/** Service-to-service calls to {@code /internal/...} (ADR 0004). */
@ConfigMapping(prefix = "latchkey.internal")
public interface InternalConfig {

    /** The shared service credential every internal call presents in {@code X-Latchkey-Service}; the same in all three services. */
    String credential();
}
