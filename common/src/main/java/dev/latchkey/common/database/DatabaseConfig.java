package dev.latchkey.common.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's own PostgreSQL database; {@code quarkus.datasource.*} is derived from these keys in each service's
 * application.properties.
 */
@ConfigMapping(prefix = "latchkey.db")
public interface DatabaseConfig {

    /** Host of the PostgreSQL server. */
    @WithDefault("127.0.0.1")
    String host();

    /** Its port. */
    @WithDefault("5432")
    int port();

    /** The service's database: {@code latchkey_rbac}, {@code latchkey_token} or {@code latchkey_auth}. */
    String name();

    /** The database user. */
    @WithDefault("postgres")
    String user();

    /** The database user's password; in the prod profile it may be empty only with {@link #allowEmptyPassword()}. */
    Optional<String> password();

    /** Whether the prod profile may start with an empty database password (the launcher's embedded PostgreSQL). */
    @WithDefault("false")
    boolean allowEmptyPassword();

    /**
     * How long opening a connection to PostgreSQL may take before it counts as unreachable (TCP connect). A refused
     * connection fails at once; this bounds a host that does not answer at all.
     */
    @WithDefault("PT1S")
    Duration connectTimeout();

    /**
     * How long a request waits for a pooled connection (including opening one) before it is answered 503
     * {@code database-unavailable}: no request hangs on a database that is gone.
     */
    @WithDefault("PT2S")
    Duration acquireTimeout();
}
