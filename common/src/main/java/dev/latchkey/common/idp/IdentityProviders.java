package dev.latchkey.common.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.caller.IssuerConfig;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses who verifies a bearer token: quarkus-oidc's default tenant (auth-service) unless the token's {@code iss} is
 * exactly a configured vendor identity provider's, which then is an OIDC tenant of its own ({@value #TENANT_PREFIX}
 * and the provider's name): discovery and JWKS from its metadata, the audience checked, the clock skew bounded, and no
 * remote introspection. The {@code iss} is read before the signature is checked, only to choose; the chosen tenant
 * then checks the signature against that issuer's keys and the {@code iss} again, so naming another issuer buys a
 * forged token nothing.
 */
@ApplicationScoped
public class IdentityProviders implements TenantConfigResolver {

    /** quarkus-oidc's tenant id of a provider: this prefix and its name. */
    public static final String TENANT_PREFIX = "idp-";
    /** A bearer token longer than this is not read for its issuer (it is then the default tenant's to refuse). */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What rbac-service takes as a provider's name (UserSession.Question). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9]{1,40}");

    private final Map<String, OidcTenantConfig> byIssuer = new LinkedHashMap<>();
    private final Map<String, IdentityProviderConfig.Provider> byName;

    public IdentityProviders(IdentityProviderConfig config, IssuerConfig latchkey) {
        this.byName = Map.copyOf(config.providers());
        config.providers().forEach((name, provider) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("latchkey.idp." + name + ": a provider's name is 1 to 40 lowercase letters and digits");
            }
            if (latchkey.issuer().filter(provider.issuer()::equals).isPresent()) {
                // auth-service's own tokens, the vendor's among them, would otherwise be taken for a provider's users
                throw new IllegalStateException("latchkey.idp." + name + ".issuer is auth-service's own issuer");
            }
            List<String> jitRoles = provider.jitRoles().orElse(List.of());
            if (jitRoles.size() > 50 || jitRoles.stream().anyMatch(key -> key.isBlank() || key.length() > 100)) {
                throw new IllegalStateException("latchkey.idp." + name + ".jit-roles: at most 50 role keys of 1 to 100 characters");
            }
            if (provider.clockSkew().isNegative() || provider.clockSkew().compareTo(IdentityProviderConfig.MAX_CLOCK_SKEW) > 0) {
                throw new IllegalStateException("latchkey.idp." + name + ".clock-skew must be between PT0S and "
                        + IdentityProviderConfig.MAX_CLOCK_SKEW + ", not " + provider.clockSkew());
            }
            if (byIssuer.put(provider.issuer(), tenantConfig(name, provider)) != null) {
                throw new IllegalStateException("Two identity providers have the issuer " + provider.issuer());
            }
        });
    }

    /** The provider that verified an identity, from quarkus-oidc's tenant id; empty for auth-service's tokens. */
    public Optional<Map.Entry<String, IdentityProviderConfig.Provider>> provider(String oidcTenantId) {
        if (oidcTenantId == null || !oidcTenantId.startsWith(TENANT_PREFIX)) {
            return Optional.empty();
        }
        String name = oidcTenantId.substring(TENANT_PREFIX.length());
        IdentityProviderConfig.Provider provider = byName.get(name);
        return provider == null ? Optional.empty() : Optional.of(Map.entry(name, provider));
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (byIssuer.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String issuer = unverifiedIssuer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        return Uni.createFrom().item(issuer == null ? null : byIssuer.get(issuer));
    }

    /**
     * The {@code iss} claim of a bearer JWT, not verified: null for anything that is not a bearer token with a JSON
     * payload carrying a string {@code iss}. Never throws, whatever the header holds.
     */
    static String unverifiedIssuer(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
            JsonNode iss = payload == null ? null : payload.get("iss");
            return iss != null && iss.isTextual() ? iss.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static OidcTenantConfig tenantConfig(String name, IdentityProviderConfig.Provider provider) {
        return OidcTenantConfig.builder()
                .tenantId(TENANT_PREFIX + name)
                .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.SERVICE)
                .authServerUrl(provider.issuer())
                .connectionTimeout(Duration.ofSeconds(2))
                .token()
                    .issuer(provider.issuer())
                    .audience(provider.audience())
                    .lifespanGrace((int) provider.clockSkew().toSeconds())
                    .forcedJwkRefreshInterval(Duration.ofMinutes(1))
                    .allowJwtIntrospection(false)
                    .allowOpaqueTokenIntrospection(false)
                    .end()
                .build();
    }
}
