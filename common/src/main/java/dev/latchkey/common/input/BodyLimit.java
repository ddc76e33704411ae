package dev.latchkey.common.input;

import dev.latchkey.common.internal.ServiceCredentialFilter;
import dev.latchkey.common.problem.Problem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A request body above {@code latchkey.http.max-body-size} (outside {@code /internal/}), or above
 * {@code quarkus.http.limits.max-body-size} (anywhere), answers 413 with a body that says so: problem+json
 * ({@value Refusals#PAYLOAD_TOO_LARGE}), or RFC 6749 {@code invalid_request} on the OAuth paths. Quarkus' own check
 * (route order -2) answers an empty 413; this one runs first, on the declared Content-Length, so nothing is parsed.
 * A chunked body without a length is held to the same limit while it is read, and then gets Quarkus' empty 413.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' body-size check (order -2). */
    static final int CHECK_ORDER = -3;
    /** After it: Quarkus stores its limit for chunked bodies under this key, which RESTEasy Reactive enforces. */
    static final int CHUNKED_ORDER = -1;
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";
    static final String QUARKUS_LIMIT = "quarkus.http.limits.max-body-size";
    /** Refused bodies up to this size are read and discarded so the connection (and the client's read) survive. */
    private static final long DISCARD_UP_TO = 16L * 1024 * 1024;

    void install(@Observes Router router, InputConfig config) {
        long outer = ConfigProvider.getConfig().getOptionalValue(QUARKUS_LIMIT, String.class)
                .map(size -> new MemorySizeConverter().convert(size).asLongValue()).orElse(Long.MAX_VALUE);
        long limit = Math.min(outer, config.maxBodySize().asLongValue());
        router.route().order(CHECK_ORDER).handler(context -> check(context, internal(context) ? outer : limit, config));
        router.route().order(CHUNKED_ORDER).handler(context -> bound(context, limit));
    }

    private static void check(RoutingContext context, long limit, InputConfig config) {
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            context.next();
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            context.next();
            return;
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        if (declared > DISCARD_UP_TO) {
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
        } else {
            request.handler(ignored -> {
            });
            request.resume();
        }
        String detail = Refusals.tooLarge(limit);
        JsonObject body;
        if (config.isOAuth(context.normalizedPath())) {
            response.putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store");
            body = new JsonObject().put("error", "invalid_request").put("error_description", detail);
        } else {
            response.putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
            body = new JsonObject().put("type", Refusals.PAYLOAD_TOO_LARGE).put("title", "Payload too large")
                    .put("status", 413).put("detail", detail);
        }
        response.setStatusCode(413).end(body.encode());
    }

    /** A chunked body outside /internal/ is held to the same limit while it is read. */
    private static void bound(RoutingContext context, long limit) {
        Object quarkus = context.get(QUARKUS_LIMIT_KEY);
        if (quarkus instanceof Long bound && bound > limit && !internal(context)) {
            context.put(QUARKUS_LIMIT_KEY, limit);
        }
        context.next();
    }

    private static boolean internal(RoutingContext context) {
        return context.normalizedPath().startsWith(ServiceCredentialFilter.PATH_PREFIX);
    }
}
