package dev.latchkey.common.portal;

import dev.latchkey.common.problem.Problem;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.quarkus.vertx.http.security.CORS;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CORS policy of the management APIs, one rule for every service that installs it: only the configured origins
 * ({@link PortalConfig#origins}), exactly; the methods the APIs use, the {@code Authorization} and
 * {@code Content-Type} request headers, and {@code Location} exposed (created resources name themselves there). No
 * credentials mode: the page sends its bearer JWT itself, never a cookie.
 *
 * <p>Quarkus' filter reads {@code *} as every origin and {@code /.../} as a regular expression, and with no origin
 * configured it allows only the same origin; so anything but exact origins is refused at start, and none configured
 * leaves same-origin calls working and every cross-origin one refused (403, no {@code Access-Control-Allow-Origin}).
 */
public final class PortalOrigins {

    public static final String KEY = "latchkey.portal.origins";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
    public static final Set<String> HEADERS = Set.of("Authorization", "Content-Type");
    public static final Set<String> EXPOSED = Set.of("Location");
    public static final String REFUSED = Problem.TYPE_PREFIX + "origin-not-allowed";
    /** Just before Quarkus' CORS filter, which would refuse the same requests with an empty 403. */
    public static final int REFUSAL_PRIORITY = SecurityHandlerPriorities.CORS + 1;

    private PortalOrigins() {
    }

    public static CORS cors(PortalConfig config) {
        return CORS.origins(origins(config.origins().orElse(List.of())))
                .methods(METHODS).headers(HEADERS).exposedHeaders(EXPOSED).accessControlAllowCredentials(false).build();
    }

    /**
     * Refuses, with a 403 problem+json (rule 5: every 4xx says what is wrong), a request whose {@code Origin} is neither
     * configured nor on the request's own host, before Quarkus' CORS filter refuses it with an empty body. It refuses
     * only what that filter refuses too (which also holds a same-host origin of another scheme to the configured list);
     * a request without {@code Origin}, as from every non-browser client, passes untouched.
     */
    public static Handler<RoutingContext> refusal(PortalConfig config) {
        Set<String> allowed = origins(config.origins().orElse(List.of()));
        String body = new JsonObject().put("type", REFUSED).put("title", "Origin not allowed").put("status", 403)
                .put("detail", "Pages of this origin may not call Latchkey from a browser; a vendor allows its own in "
                        + KEY).encode();
        return context -> {
            String origin = context.request().getHeader(HttpHeaders.ORIGIN);
            if (origin == null || allowed.contains(origin) || sameHost(origin, context.request().getHeader(HttpHeaders.HOST))) {
                context.next();
                return;
            }
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN).end(body);
        };
    }

    /** Whether {@code origin} names the host (and port) the request was sent to, whatever its scheme. */
    static boolean sameHost(String origin, String host) {
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    /** The configured origins as browsers send them in {@code Origin}; a value that is no exact origin fails. */
    static Set<String> origins(List<String> configured) {
        Set<String> origins = new LinkedHashSet<>();
        for (String value : configured) {
            if (!value.isBlank()) {
                origins.add(origin(value.strip()));
            }
        }
        return origins;
    }

    /**
     * {@code scheme://host[:port]}, lower case, without the scheme's default port: the form of an {@code Origin}
     * header (RFC 6454), so that the filter's exact comparison matches.
     */
    static String origin(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(value, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(value, "the scheme must be https or http");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(value, "an origin is scheme://host[:port], without user, path, query or fragment");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException(KEY + ": '" + value + "' is not an exact origin (" + why + ")");
    }
}
