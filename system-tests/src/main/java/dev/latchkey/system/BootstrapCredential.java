package dev.latchkey.system;

import java.util.Map;
import java.util.Optional;

/** The vendor bootstrap credential as token-service printed it on first start, or as configured. */
public record BootstrapCredential(String clientId, String clientSecret) {

    /** The pair from {@code LATCHKEY_BOOTSTRAP_CLIENT_ID} and {@code LATCHKEY_BOOTSTRAP_CLIENT_SECRET}, when both are set. */
    static Optional<BootstrapCredential> configured(Map<String, String> env) {
        String id = env.get("LATCHKEY_BOOTSTRAP_CLIENT_ID");
        String secret = env.get("LATCHKEY_BOOTSTRAP_CLIENT_SECRET");
        return id == null || id.isBlank() || secret == null || secret.isBlank() ? Optional.empty()
                : Optional.of(new BootstrapCredential(id.trim(), secret.trim()));
    }

    @Override
    public String toString() {
        return "BootstrapCredential[clientId=" + clientId + "]";
    }
}
