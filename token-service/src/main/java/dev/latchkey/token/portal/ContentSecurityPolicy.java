package dev.latchkey.token.portal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The API Tokens page's {@code Content-Security-Policy}: its own scripts only, no framing, and calls only to
 * token-service and to what {@code config.json} names, read from the same {@link PortalPageConfig}: rbac-service and,
 * when sign-in is configured, the identity provider (its discovery document and token endpoint, fetched by the page).
 *
 * <p>A {@code connect-src} source with a path matches that path only (and an IdP's endpoints need not sit under its
 * issuer's path), so each URL is reduced to its origin. A value that is no http(s) URL fails the start: the page could
 * not use it either.
 */
final class ContentSecurityPolicy {

    static final String RBAC_URL_KEY = "latchkey.portal.rbac-url";
    static final String AUTHORITY_KEY = "latchkey.portal.sign-in.authority";

    private ContentSecurityPolicy() {
    }

    static String of(PortalPageConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        config.rbacUrl().map(url -> origin(RBAC_URL_KEY, url)).ifPresent(connect::add);
        if (config.signIn().enabled()) {
            connect.add(origin(AUTHORITY_KEY, config.signIn().authority().orElseThrow()));
        }
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src "
                + String.join(" ", connect)
                + "; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    /** {@code scheme://host[:port]} of {@code url}, lower case, without the scheme's default port. */
    static String origin(String key, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(key, url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(key, url);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String key, String url) {
        return new IllegalArgumentException(key + ": '" + url + "' is not an http(s) URL with a host");
    }
}
