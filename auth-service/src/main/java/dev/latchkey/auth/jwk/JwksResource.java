package dev.latchkey.auth.jwk;

import dev.latchkey.auth.discovery.JsonWebKeySet;
import dev.latchkey.auth.discovery.PublicDocument;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public halves of every published signing key (RFC 7517), for local verification by gateways. A constant
 * document between key changes: answered on the event loop, without a hop to a worker thread.
 */
@Path(JwksResource.PATH)
@Tag(name = "discovery")
@SecurityRequirements
public class JwksResource {

    public static final String PATH = "/.well-known/jwks.json";
    /** Verifiers may cache the set this long; a new key is published at least this long before it signs. */
    public static final int MAX_AGE_SECONDS = 300;

    private final SigningKeys keys;
    /** The served set, rebuilt (new ETag) only when the published keys change. */
    private volatile PublicDocument document = PublicDocument.of("{\"keys\":[]}");

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getJwks", summary = "JSON Web Key Set of the published signing keys",
            description = "Verify Latchkey JWTs against these keys (match the JWT header's kid). A key is published "
                    + "before it signs; fetch again on an unknown kid. Answers 304 to a matching If-None-Match; "
                    + "readable from any origin.")
    @APIResponse(responseCode = "200", description = "The key set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JsonWebKeySet.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the caller sent")
    public Response jwks(@Context Request request) {
        String current = keys.jwks();
        PublicDocument served = document;
        if (served.json() != current) {
            // a reload hands over an equal string as a new object: keep the ETag, and compare by identity from then on
            served = served.json().equals(current) ? new PublicDocument(current, served.etag()) : PublicDocument.of(current);
            document = served;
        }
        return served.answer(request, MAX_AGE_SECONDS);
    }
}
