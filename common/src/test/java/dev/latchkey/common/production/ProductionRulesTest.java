package dev.latchkey.common.production;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionRulesTest {

    private static final List<ProductionRules.Secret> SECRETS =
            List.of(new ProductionRules.Secret("latchkey.internal.credential", Optional.of("s3cr3t")));

    private static List<String> refusals(String issuer, boolean allowInsecure, String password, boolean allowEmpty,
            List<ProductionRules.Secret> secrets) {
        return ProductionRules.refusals(new ProductionRules.Settings(Optional.ofNullable(issuer), allowInsecure,
                Optional.ofNullable(password), allowEmpty, secrets));
    }

    @Test
    void httpsIssuerWithPasswordAndSecretsStarts() {
        assertEquals(List.of(), refusals("https://auth.example.com", false, "pw", false, SECRETS));
    }

    @Test
    void shouldRefuseHttpIssuerNamingTheKeyAndTheAllowance() {
        assertEquals(List.of("latchkey.auth.issuer is not https (http://auth:8083): set the public https URL of "
                + "auth-service, or set latchkey.allow-insecure-issuer=true"),
                refusals("http://auth:8083", false, "pw", false, SECRETS));
    }

    @Test
    void httpIssuerStartsWhenExplicitlyAllowed() {
        assertEquals(List.of(), refusals("http://127.0.0.1:8083", true, "pw", false, SECRETS));
    }

    @Test
    void shouldRefuseMissingIssuer() {
        assertEquals(List.of("latchkey.auth.issuer is missing: set the public https URL of auth-service"),
                refusals(null, true, "pw", false, SECRETS));
    }

    @Test
    void shouldRefuseEmptyDatabasePasswordUnlessAllowed() {
        assertEquals(List.of("latchkey.db.password is empty: set it, or set latchkey.db.allow-empty-password=true"),
                refusals("https://a", false, null, false, SECRETS));
        assertEquals(List.of(), refusals("https://a", false, null, true, SECRETS));
    }

    @Test
    void shouldRefuseBlankSecretNamingTheKey() {
        assertEquals(List.of("latchkey.secret.pepper is missing: set it from a secret"),
                refusals("https://a", false, "pw", false,
                        List.of(new ProductionRules.Secret("latchkey.secret.pepper", Optional.of("  ")))));
    }

    @Test
    void shouldRefuseAnIdentityProviderOverPlainHttpUnlessAllowed() {
        java.util.Map<String, String> providers = java.util.Map.of("latchkey.idp.corp.issuer", "http://kc:8080/realms/corp");
        assertEquals(List.of("latchkey.idp.corp.issuer is not https (http://kc:8080/realms/corp): set the identity "
                + "provider's https issuer, or set latchkey.allow-insecure-issuer=true"),
                ProductionRules.refusals(new ProductionRules.Settings(Optional.of("https://a"), false, Optional.of("pw"),
                        false, SECRETS, providers)));
        assertEquals(List.of(), ProductionRules.refusals(new ProductionRules.Settings(Optional.of("https://a"), true,
                Optional.of("pw"), false, SECRETS, providers)));
    }

    /** Read from the configuration as a service has it: every provider's issuer and the page's sign-in authority. */
    @Test
    void everyIdentityProviderUrlInTheConfigurationIsHeldToHttps() {
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withMapping(ProductionConfig.class).withMapping(dev.latchkey.common.caller.IssuerConfig.class)
                .withMapping(dev.latchkey.common.database.DatabaseConfig.class)
                .withMapping(dev.latchkey.common.internal.InternalConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(java.util.Map.of(
                        "latchkey.auth.issuer", "https://auth.example", "latchkey.db.password", "pw", "latchkey.db.name", "db",
                        "latchkey.internal.credential", "c",
                        "latchkey.idp.corp.issuer", "http://kc.example/realms/corp",
                        "latchkey.portal.sign-in.authority", "http://kc.example/realms/corp"), "test", 100))
                .withValidateUnknown(false) // as the services run (their other mappings hold those keys)
                .build();
        assertEquals(List.of(
                "latchkey.idp.corp.issuer is not https (http://kc.example/realms/corp): set the identity provider's https "
                        + "issuer, or set latchkey.allow-insecure-issuer=true",
                "latchkey.portal.sign-in.authority is not https (http://kc.example/realms/corp): set the identity "
                        + "provider's https issuer, or set latchkey.allow-insecure-issuer=true"),
                ProductionRules.refusals(config));
    }
}
