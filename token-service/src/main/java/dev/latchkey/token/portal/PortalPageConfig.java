package dev.latchkey.token.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * What the API Tokens page served under {@code /portal/} needs to know of its neighbours, as the user's browser reaches
 * them (which inside Kubernetes is not the address token-service itself uses).
 */
@ConfigMapping(prefix = "latchkey.portal")
public interface PortalPageConfig {

    /** rbac-service's public URL, which the page calls for the user's rights and the roles; unset: the page's host. */
    Optional<String> rbacUrl();

    /** auth-service's public URL, which the page names where it tells how to exchange a new secret; unset: the page's host. */
    Optional<String> authUrl();

    /** Signing in on the page with the vendor's identity provider; see {@link SignIn#enabled()}. */
    SignIn signIn();

    /**
     * The identity provider and the client the page signs users in with (OpenID Connect, authorization code with PKCE,
     * in the browser). Nothing here is secret: the client is a public one.
     */
    interface SignIn {

        /**
         * The IdP's issuer URL ({@code https://idp.example.com/realms/corp}); the page reads
         * {@code <authority>/.well-known/openid-configuration} and may call this URL's origin. Unset: no sign-in.
         */
        Optional<String> authority();

        /** The page's client id at the IdP: a public client (no secret) with PKCE, redirecting to the page's URL. */
        Optional<String> clientId();

        /**
         * The {@code audience} parameter of the authorization request, for an IdP that issues a JWT access token for
         * an API only when asked by name (Auth0: the API's identifier); unset: none is sent.
         */
        Optional<String> audience();

        /** The scopes the page asks for, space-separated; {@code openid} at least. */
        @WithDefault("openid")
        String scope();

        /**
         * Whether the page offers sign-in: an authority and a client id, set together. One without the other is a
         * mistake the page could only show as a failed sign-in, so it fails the start.
         */
        default boolean enabled() {
            if (authority().isPresent() != clientId().isPresent()) {
                throw new IllegalArgumentException("latchkey.portal.sign-in.authority and latchkey.portal.sign-in.client-id"
                        + " are set together, or neither (" + (authority().isPresent() ? "client-id" : "authority")
                        + " is missing)");
            }
            return authority().isPresent();
        }
    }
}
