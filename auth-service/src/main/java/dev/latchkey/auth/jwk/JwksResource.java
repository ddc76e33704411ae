package dev.latchkey.auth.jwk;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public halves of every published signing key (RFC 7517), for local verification by gateways. */
@Path(JwksResource.PATH)
@Tag(name = "discovery")
public class JwksResource {

    public static final String PATH = "/.well-known/jwks.json";
    /** Verifiers may cache the set this long; a new key is published at least this long before it signs. */
    public static final int MAX_AGE_SECONDS = 300;

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set of the published signing keys")
    public Response jwks() {
        return Response.ok(keys.jwks())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS)
                .build();
    }
}
