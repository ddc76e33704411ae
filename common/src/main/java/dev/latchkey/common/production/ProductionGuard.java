package dev.latchkey.common.production;

import dev.latchkey.common.caller.IssuerConfig;
import dev.latchkey.common.database.DatabaseConfig;
import dev.latchkey.common.internal.InternalConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service in the prod profile with a blank secret, an empty database password or an
 * {@code http://} issuer, unless explicitly allowed ({@link ProductionRules}); the exception names the keys.
 */
@ApplicationScoped
public class ProductionGuard {

    private final ProductionConfig production;
    private final IssuerConfig issuer;
    private final DatabaseConfig database;
    private final InternalConfig internal;

    /** The mappings are injected, not looked up: Quarkus registers a mapping of a library only where it is injected. */
    ProductionGuard(ProductionConfig production, IssuerConfig issuer, DatabaseConfig database, InternalConfig internal) {
        this.production = production;
        this.issuer = issuer;
        this.database = database;
        this.internal = internal;
    }

    void check(@Observes @Priority(1) StartupEvent event, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> refusals = ProductionRules.refusals(production, issuer, database, internal,
                config.unwrap(SmallRyeConfig.class));
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the prod profile: " + String.join("; ", refusals));
        }
    }
}
