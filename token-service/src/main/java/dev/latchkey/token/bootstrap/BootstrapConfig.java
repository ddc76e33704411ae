package dev.latchkey.token.bootstrap;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The vendor bootstrap credential, when it comes from configuration (a Kubernetes Secret) rather than first start. */
@ConfigMapping(prefix = "latchkey.bootstrap")
public interface BootstrapConfig {

    /** Client id ({@code lk_ci_...}) of the vendor credential; set together with {@link #clientSecret()}. */
    Optional<String> clientId();

    /** Its secret ({@code lk_cs_...}); when set, it replaces a stored one that differs. Never logged. */
    Optional<String> clientSecret();
}
