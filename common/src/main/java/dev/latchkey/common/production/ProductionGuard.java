package dev.latchkey.common.production;

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

    void check(@Observes @Priority(1) StartupEvent event, Config config) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> refusals = ProductionRules.refusals(config.unwrap(SmallRyeConfig.class));
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the prod profile: " + String.join("; ", refusals));
        }
    }
}
