package dev.latchkey.auth.oauth2;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.common.util.QuarkusMultivaluedHashMap;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Reads the OAuth endpoints' {@code application/x-www-form-urlencoded} bodies (RFC 6749 appendix B) in place of
 * RESTEasy's own reader, for two reasons.
 * <ul>
 * <li>A field is split at its first {@code =} only. RESTEasy's reader splits at every one and keeps the second
 * part, so {@code token=<key>=anything} reached the endpoints as the bare key.</li>
 * <li>A part with no {@code %} and no {@code +} is taken as it is. {@link URLDecoder} copies it char by char, and a
 * JWT sent for introspection is ~600 chars: that copy was 6% of an introspection's CPU (ADR 0019). Parts that need
 * decoding still go through {@link URLDecoder}, so they decode as before.</li>
 * </ul>
 * A malformed escape or an unknown charset is answered invalid_request (with RESTEasy's reader, a 500).
 * Empty fields ({@code a&&b}) are skipped; a field without {@code =} has the empty value.
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormReader implements ServerMessageBodyReader<MultivaluedMap<String, String>> {

    /** The fields of a form body, in order, each name with its values in the order sent. */
    static MultivaluedMap<String, String> parse(String body) {
        MultivaluedMap<String, String> form = new QuarkusMultivaluedHashMap<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            if (end > start) {
                int equals = body.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    form.add(decode(body, start, end), "");
                } else {
                    form.add(decode(body, start, equals), decode(body, equals + 1, end));
                }
            }
            start = end + 1;
        }
        return form;
    }

    private static String decode(String body, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = body.charAt(i);
            if (c == '%' || c == '+') {
                return URLDecoder.decode(body.substring(from, to), StandardCharsets.UTF_8);
            }
        }
        return body.substring(from, to);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod, MediaType mediaType) {
        return MultivaluedMap.class.equals(type);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.equals(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
            MediaType mediaType, ServerRequestContext context) throws IOException {
        return read(context.getInputStream(), mediaType);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
            Annotation[] annotations, MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body)
            throws IOException {
        return read(body, mediaType);
    }

    /**
     * The body in the charset its type names, else UTF-8 (the percent-escapes are UTF-8 either way, as before). A
     * malformed escape or an unknown charset is the client's mistake: invalid_request, without echoing the body (it
     * may hold a secret). RESTEasy's reader let the decoder's exception through, which answered 500.
     */
    private static MultivaluedMap<String, String> read(InputStream body, MediaType mediaType) throws IOException {
        byte[] bytes = body.readAllBytes();
        try {
            String charset = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
            return parse(new String(bytes, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidRequest("The body is not well-formed application/x-www-form-urlencoded "
                    + "(a % must start an escape of two hex digits; the charset must be known)");
        }
    }
}
