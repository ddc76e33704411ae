package dev.latchkey.token.rbac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** rbac-service's change feed, which voids tokens of removed users and deleted roles. */
@ConfigMapping(prefix = "latchkey.rbac-feed")
public interface RbacFeedConfig {

    /** Whether rbac-service's change feed is followed. */
    @WithDefault("true")
    boolean enabled();

    /** Seconds a long poll of the feed waits for a change; the feed is stale after five seconds more of silence. */
    @WithDefault("25")
    int waitSeconds();
}
