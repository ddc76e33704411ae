package dev.latchkey.token;

import dev.latchkey.common.input.InputConfig;
import dev.latchkey.common.testing.ConfigurationDoc;
import dev.latchkey.common.testing.ProductionStart;
import dev.latchkey.token.secret.SecretConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** token-service's settings: all in mappings, all in docs/configuration.md, and what its prod profile refuses. */
class ConfigurationDocTest {

    private static final String SERVICE = "token-service";

    @Test
    void docListsExactlyTheMappedKeys() {
        ConfigurationDoc.assertDocumented(SERVICE, SecretConfig.class);
    }

    @Test
    void everySettingInApplicationPropertiesIsMapped() {
        ConfigurationDoc.assertPropertiesMapped(SecretConfig.class, InputConfig.class);
    }

    @Test
    void prodRefusesMissingSecretsAndAnInsecureIssuerByName() {
        ProductionStart.assertRules(SecretConfig.class, InputConfig.class,
                List.of("latchkey.internal.credential", "latchkey.secret.pepper"));
    }
}
