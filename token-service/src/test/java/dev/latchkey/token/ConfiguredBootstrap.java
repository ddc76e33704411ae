package dev.latchkey.token;

import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Starts token-service with the vendor bootstrap credential taken from configuration, made fresh per test run. */
public class ConfiguredBootstrap implements QuarkusTestProfile {

    public static final String CLIENT_ID = SecretFormat.newClientId();
    public static final String SECRET = SecretFormat.generate(SecretKind.CLIENT_SECRET);
    public static final String SERVICE_HEADER = "X-Latchkey-Service";
    public static final String SERVICE_CREDENTIAL = "dev-internal-credential-not-for-production";
    public static final String PEPPER = "ZGV2LW9ubHktcGVwcGVyLW5vdC1mb3ItcHJvZHVjdGlvbiEh";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("latchkey.bootstrap.client-id", CLIENT_ID, "latchkey.bootstrap.client-secret", SECRET);
    }
}
