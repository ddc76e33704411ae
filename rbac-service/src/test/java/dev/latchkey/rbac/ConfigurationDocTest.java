package dev.latchkey.rbac;

import dev.latchkey.common.input.InputConfig;
import dev.latchkey.common.testing.ConfigurationDoc;
import dev.latchkey.common.testing.ProductionStart;
import dev.latchkey.rbac.tenant.TenantResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rbac-service's settings: all in mappings (its own or common's), all in docs/configuration.md, and what its prod
 * profile refuses.
 */
class ConfigurationDocTest {

    private static final String SERVICE = "rbac-service";

    @Test
    void docListsExactlyTheMappedKeys() {
        ConfigurationDoc.assertDocumented(SERVICE, TenantResource.class);
    }

    @Test
    void everySettingInApplicationPropertiesIsMapped() {
        ConfigurationDoc.assertPropertiesMapped(TenantResource.class, InputConfig.class);
    }

    @Test
    void prodRefusesMissingSecretsAndAnInsecureIssuerByName() {
        ProductionStart.assertRules(TenantResource.class, InputConfig.class, List.of("latchkey.internal.credential"));
    }
}
