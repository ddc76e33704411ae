package dev.latchkey.common.input;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Limits of what a request may carry (ADR 0011). */
@ConfigMapping(prefix = "latchkey.http")
public interface InputConfig {

    /**
     * The largest request body outside {@code /internal/}; a larger one answers 413. Internal calls are bounded by
     * {@code quarkus.http.limits.max-body-size} only.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** Path prefixes whose refusals are RFC 6749 errors ({@code invalid_request}) instead of problem+json. */
    Optional<List<String>> oauthPaths();

    /** Whether {@code path} answers RFC 6749 errors. */
    default boolean isOAuth(String path) {
        return oauthPaths().map(prefixes -> prefixes.stream().anyMatch(path::startsWith)).orElse(false);
    }
}
