package dev.latchkey.auth.discovery;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A public JSON document (JWKS, discovery) answered the way verifiers and browsers expect: serialised once, with a
 * strong {@code ETag} from its content (so a poller gets {@code 304 Not Modified} until the keys change), a public
 * {@code Cache-Control}, and {@code Access-Control-Allow-Origin: *} so a browser application (a single-page app
 * verifying JWTs with {@code jose}) may read it. Nothing in it is secret, and no credential is ever sent for it.
 */
public record PublicDocument(String json, EntityTag etag) {

    public static PublicDocument of(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return new PublicDocument(json, new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                    .substring(0, 22)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** 304 when the caller's {@code If-None-Match} names this version, else 200 with the document. */
    public Response answer(Request request, int maxAgeSeconds) {
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = unchanged != null ? unchanged
                : Response.ok(json, MediaType.APPLICATION_JSON_TYPE);
        return response.tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }
}
