package dev.latchkey.token.rbac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** rbac-service's change feed, which voids tokens of removed users and deleted roles. */
@ConfigMapping(prefix = "latchkey.rbac-feed")
public interface RbacFeedConfig {

    /** Whether rbac-service's change feed is followed. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a poll of the feed waits for a change. This follower keeps a durable cursor and serves nothing from
     * memory, so it needs no heartbeat: a long wait keeps its polls few.
     */
    @WithDefault("PT25S")
    Duration waitTime();
}
