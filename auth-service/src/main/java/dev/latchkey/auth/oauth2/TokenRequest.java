package dev.latchkey.auth.oauth2;

import dev.latchkey.common.input.StorableParameters;
import dev.latchkey.common.input.StorableText;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A parsed token-endpoint request: single-valued parameters, optional client authentication, the caller's address.
 * A form field whose name or value PostgreSQL cannot store (U+0000, a lone surrogate) is an invalid_request before
 * any lookup (ADR 0011).
 */
public record TokenRequest(MultivaluedMap<String, String> form, String authorization, String source) {

    public TokenRequest {
        String unstorable = StorableParameters.unstorable(form);
        if (unstorable != null) {
            throw OAuthError.invalidRequest(unstorable + " " + StorableText.MESSAGE);
        }
    }

    public String param(String name) {
        return ClientAuthentication.single(form, name);
    }

    public String requireParam(String name) {
        String value = param(name);
        if (value == null) {
            throw OAuthError.invalidRequest(name + " is required");
        }
        return value;
    }

    /** Client authentication, required. */
    public ClientAuthentication requireClient() {
        ClientAuthentication client = ClientAuthentication.from(authorization, form);
        if (!StorableText.storable(client.clientId()) || !StorableText.storable(client.clientSecret())) {
            throw OAuthError.invalidRequest("The client credentials " + StorableText.MESSAGE);
        }
        return client;
    }

    /** Client authentication when the caller sent some, else null. */
    public ClientAuthentication optionalClient() {
        boolean sent = (authorization != null && !authorization.isBlank()) || param("client_secret") != null;
        return sent ? requireClient() : null;
    }
}
