package dev.latchkey.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.production.ProductionRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service's prod profile refuses, tried on the service's own application.properties and mappings with the
 * environment a deployment (or the launcher) gives it (ADR 0013).
 */
public final class ProductionStart {

    private ProductionStart() {
    }

    /**
     * @param anchor     a class of the service's main code
     * @param common     a class of common's main code
     * @param secretKeys the secrets the service requires, each set in the environment by its variable
     */
    public static void assertRules(Class<?> anchor, Class<?> common, List<String> secretKeys) {
        // Nothing set: the start fails and names every missing secret.
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> ConfigurationDoc.prodConfig(anchor, common, Map.of()));
        for (String key : secretKeys) {
            assertTrue(messages(missing).contains(key), "the refusal names " + key + ": " + messages(missing));
        }

        // Secrets set, but the laptop defaults: an http issuer and an empty database password are refused by name.
        Map<String, String> env = new HashMap<>();
        secretKeys.forEach(key -> env.put(ConfigurationDoc.environmentVariable(key), "configured-" + key));
        List<String> refusals = ProductionRules.refusals(ConfigurationDoc.prodConfig(anchor, common, env));
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.startsWith("latchkey.db.password")
                && r.contains("latchkey.db.allow-empty-password")), refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> r.startsWith("latchkey.auth.issuer is not https")
                && r.contains("latchkey.allow-insecure-issuer")), refusals.toString());

        // A blank secret is no secret.
        Map<String, String> blank = new HashMap<>(env);
        blank.put(ConfigurationDoc.environmentVariable(secretKeys.get(0)), " ");
        assertTrue(ProductionRules.refusals(ConfigurationDoc.prodConfig(anchor, common, blank)).stream()
                .anyMatch(r -> r.startsWith(secretKeys.get(0) + " is missing")));

        // As the launcher starts it (system tests, run command): both allowed explicitly.
        Map<String, String> launcher = new HashMap<>(env);
        launcher.put("LATCHKEY_DB_ALLOW_EMPTY_PASSWORD", "true");
        launcher.put("LATCHKEY_ALLOW_INSECURE_ISSUER", "true");
        launcher.put("LATCHKEY_AUTH_ISSUER", "http://127.0.0.1:18083");
        launcher.put("LATCHKEY_AUTH_URL", "http://127.0.0.1:18083");
        assertEquals(List.of(), ProductionRules.refusals(ConfigurationDoc.prodConfig(anchor, common, launcher)));

        // As a deployment starts it: https issuer, a database password.
        Map<String, String> deployment = new HashMap<>(env);
        deployment.put("LATCHKEY_DB_PASSWORD", "from-a-secret");
        deployment.put("LATCHKEY_AUTH_ISSUER", "https://auth.example.com");
        assertEquals(List.of(), ProductionRules.refusals(ConfigurationDoc.prodConfig(anchor, common, deployment)));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
