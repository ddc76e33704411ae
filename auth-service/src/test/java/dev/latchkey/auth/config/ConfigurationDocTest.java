package dev.latchkey.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.auth.oauth2.BruteForceConfig;
import dev.latchkey.common.input.InputConfig;
import dev.latchkey.common.testing.ConfigurationDoc;
import dev.latchkey.common.testing.ProductionStart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** auth-service's settings: all in mappings, all in docs/configuration.md, and what its prod profile refuses. */
class ConfigurationDocTest {

    private static final String SERVICE = "auth-service";

    @Test
    void docListsExactlyTheMappedKeys() {
        ConfigurationDoc.assertDocumented(SERVICE, AuthConfig.class);
    }

    @Test
    void everySettingInApplicationPropertiesIsMapped() {
        ConfigurationDoc.assertPropertiesMapped(AuthConfig.class, InputConfig.class);
    }

    @Test
    void prodRefusesMissingSecretsAndAnInsecureIssuerByName() {
        ProductionStart.assertRules(AuthConfig.class, InputConfig.class,
                List.of("latchkey.internal.credential", "latchkey.secret.pepper", "latchkey.auth.master-key"));
    }

    @Test
    void environmentVariablesStillReachTheMappedKeys() {
        Map<String, String> env = Map.of("LATCHKEY_INTERNAL_CREDENTIAL", "c", "LATCHKEY_SECRET_PEPPER", "p",
                "LATCHKEY_AUTH_MASTER_KEY", "k", "LATCHKEY_BRUTE_FORCE_SOURCE_FACTOR", "100000");
        assertEquals(100000, ConfigurationDoc.prodConfig(AuthConfig.class, InputConfig.class, env)
                .getConfigMapping(BruteForceConfig.class).sourceFactor());
    }
}
