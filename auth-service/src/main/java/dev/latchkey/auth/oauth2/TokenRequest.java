package dev.latchkey.auth.oauth2;

import jakarta.ws.rs.core.MultivaluedMap;

/** A parsed token-endpoint request: single-valued parameters, optional client authentication, the caller's address. */
public record TokenRequest(MultivaluedMap<String, String> form, String authorization, String source) {

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
        return ClientAuthentication.from(authorization, form);
    }

    /** Client authentication when the caller sent some, else null. */
    public ClientAuthentication optionalClient() {
        boolean sent = (authorization != null && !authorization.isBlank()) || param("client_secret") != null;
        return sent ? requireClient() : null;
    }
}
