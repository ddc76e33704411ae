package dev.latchkey.common.production;

import dev.latchkey.common.caller.IssuerConfig;
import dev.latchkey.common.database.DatabaseConfig;
import dev.latchkey.common.internal.InternalConfig;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * What the prod profile refuses to start with, each refusal naming the key to set (ADR 0013). A secret that is not
 * set at all is already refused by its mapping ({@code latchkey.internal.credential}, {@code latchkey.secret.pepper},
 * {@code latchkey.auth.master-key}: SmallRye names the missing key); here a blank one is refused too, an empty
 * database password unless {@code latchkey.db.allow-empty-password}, and an issuer (auth-service's, or a vendor
 * identity provider's) that is not https unless {@code latchkey.allow-insecure-issuer}.
 */
public final class ProductionRules {

    /** Secrets some services use, checked when the service sets them (the mappings of those services require them). */
    static final List<String> SERVICE_SECRETS = List.of("latchkey.secret.pepper", "latchkey.auth.master-key");

    /** The identity provider the API Tokens page signs users in with (token-service): the same rule as a provider's issuer. */
    static final String SIGN_IN_AUTHORITY = "latchkey.portal.sign-in.authority";

    private ProductionRules() {
    }

    /** What one service is about to start with in the prod profile. */
    public record Settings(Optional<String> issuer, boolean allowInsecureIssuer, Optional<String> databasePassword,
            boolean allowEmptyDatabasePassword, List<Secret> secrets, Map<String, String> providerIssuers) {

        public Settings(Optional<String> issuer, boolean allowInsecureIssuer, Optional<String> databasePassword,
                boolean allowEmptyDatabasePassword, List<Secret> secrets) {
            this(issuer, allowInsecureIssuer, databasePassword, allowEmptyDatabasePassword, secrets, Map.of());
        }
    }

    /** A secret the service uses, by its key. */
    public record Secret(String key, Optional<String> value) {
    }

    /** The refusals for a service's configuration (its mappings registered), empty when it may start. */
    public static List<String> refusals(SmallRyeConfig config) {
        return refusals(config.getConfigMapping(ProductionConfig.class), config.getConfigMapping(IssuerConfig.class),
                config.getConfigMapping(DatabaseConfig.class), config.getConfigMapping(InternalConfig.class), config);
    }

    /** The refusals for these mappings; {@code config} answers the secrets a service may or may not use. */
    public static List<String> refusals(ProductionConfig production, IssuerConfig issuer, DatabaseConfig database,
            InternalConfig internal, SmallRyeConfig config) {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(new Secret("latchkey.internal.credential", Optional.of(internal.credential())));
        for (String key : SERVICE_SECRETS) {
            config.getOptionalValue(key, String.class).ifPresent(value -> secrets.add(new Secret(key, Optional.of(value))));
        }
        Map<String, String> providers = new TreeMap<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("latchkey.idp.") && key.endsWith(".issuer") || key.equals(SIGN_IN_AUTHORITY)) {
                config.getOptionalValue(key, String.class).ifPresent(value -> providers.put(key, value));
            }
        }
        return refusals(new Settings(issuer.issuer(), production.allowInsecureIssuer(), database.password(),
                database.allowEmptyPassword(), secrets, providers));
    }

    /** The refusals, empty when the service may start. */
    public static List<String> refusals(Settings settings) {
        List<String> refusals = new ArrayList<>();
        for (Secret secret : settings.secrets()) {
            if (secret.value().map(String::isBlank).orElse(true)) {
                refusals.add(secret.key() + " is missing: set it from a secret");
            }
        }
        if (settings.databasePassword().map(String::isEmpty).orElse(true) && !settings.allowEmptyDatabasePassword()) {
            refusals.add("latchkey.db.password is empty: set it, or set latchkey.db.allow-empty-password=true");
        }
        String issuer = settings.issuer().orElse("");
        if (issuer.isBlank()) {
            refusals.add("latchkey.auth.issuer is missing: set the public https URL of auth-service");
        } else if (!issuer.startsWith("https://") && !settings.allowInsecureIssuer()) {
            refusals.add("latchkey.auth.issuer is not https (" + issuer
                    + "): set the public https URL of auth-service, or set latchkey.allow-insecure-issuer=true");
        }
        // a vendor identity provider's keys fetched over plain http could be swapped by anyone on the path
        settings.providerIssuers().forEach((key, providerIssuer) -> {
            if (!providerIssuer.startsWith("https://") && !settings.allowInsecureIssuer()) {
                refusals.add(key + " is not https (" + providerIssuer
                        + "): set the identity provider's https issuer, or set latchkey.allow-insecure-issuer=true");
            }
        });
        return refusals;
    }
}
