package dev.latchkey.common.idp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor's own identity providers, whose access tokens rbac-service and token-service accept for users signed in
 * to the vendor's application (SPEC "Who calls the management APIs"; docs/integration.md). One block per provider,
 * {@code latchkey.idp.<name>.*}; none by default.
 */
@ConfigMapping(prefix = "latchkey.idp")
public interface IdentityProviderConfig {

    /** The longest clock skew a provider may be given: beyond it an expired token is simply a live one. */
    Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    @WithParentName
    Map<String, Provider> providers();

    interface Provider {

        /** The exact {@code iss} of its access tokens; its metadata is read from {@code <issuer>/.well-known/openid-configuration}. */
        String issuer();

        /** The {@code aud} its access tokens must carry for Latchkey. */
        @WithDefault("latchkey")
        String audience();

        /** The claim holding the user id that Latchkey memberships use. */
        @WithDefault("sub")
        String userClaim();

        /** The claim naming the user's tenant. */
        @WithDefault("tenant_id")
        String tenantClaim();

        /** Whether {@link #tenantClaim()} holds Latchkey's tenant id or the tenant's {@code externalId}. */
        @WithDefault("id")
        TenantKey tenantKey();

        /** How far its clock may differ from ours when checking {@code exp} and {@code iat}; at most five minutes. */
        @WithDefault("PT10S")
        Duration clockSkew();

        /** Whether a user the token names but Latchkey does not know yet joins its tenant at its first call. */
        @WithDefault("false")
        boolean jitMembership();

        /** The role keys such a user is given (roles of the tenant or global ones); none by default. */
        Optional<List<String>> jitRoles();
    }

    enum TenantKey {
        ID, EXTERNAL_ID
    }
}
