package dev.latchkey.auth.discovery;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The contract's picture of the JWKS (RFC 7517): only public EC or OKP keys for signature verification. */
@Schema(name = "JsonWebKeySet", description = "The published signing keys (RFC 7517)")
public record JsonWebKeySet(@Schema(required = true) List<JsonWebKey> keys) {

    @Schema(name = "JsonWebKey", description = "A public signing key")
    public record JsonWebKey(
            @Schema(required = true, examples = "EC") String kty,
            @Schema(required = true, description = "Key id, the JWT header's kid", examples = "k-2026-12-01-a1b2") String kid,
            @Schema(required = true, examples = "ES256") String alg,
            @Schema(required = true, examples = "sig") String use,
            @Schema(examples = "P-256") String crv,
            @Schema(description = "base64url x coordinate") String x,
            @Schema(description = "base64url y coordinate (EC)") String y) {
    }
}
