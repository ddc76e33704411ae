package dev.latchkey.common;

import dev.latchkey.common.input.InputConfig;
import dev.latchkey.common.testing.ConfigurationDoc;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys of common's mappings, which every service has. */
class SharedConfigurationDocTest {

    @Test
    void sharedTableMatchesCommonsMappings() {
        ConfigurationDoc.assertDocumented(ConfigurationDoc.SHARED, InputConfig.class);
    }
}
