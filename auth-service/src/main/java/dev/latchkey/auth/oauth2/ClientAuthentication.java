package dev.latchkey.auth.oauth2;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The client id and secret of a token request, from HTTP Basic (client_secret_basic, RFC 6749 section 2.3.1:
 * each part form-url-encoded, then base64) or from the body (client_secret_post). Exactly one method per request.
 */
public record ClientAuthentication(String clientId, String clientSecret, boolean basic) {

    @Override
    public String toString() {
        return "ClientAuthentication[clientId=" + clientId + ", basic=" + basic + "]";
    }

    static ClientAuthentication from(String authorization, MultivaluedMap<String, String> form) {
        String postedId = single(form, "client_id");
        String postedSecret = single(form, "client_secret");
        if (authorization != null && !authorization.isBlank()) {
            if (postedSecret != null) {
                throw OAuthError.invalidRequest("Use one client authentication method, not both Basic and client_secret");
            }
            ClientAuthentication basic = basic(authorization);
            if (postedId != null && !postedId.equals(basic.clientId())) {
                throw OAuthError.invalidRequest("client_id differs from the authenticated client");
            }
            return basic;
        }
        if (postedId == null || postedSecret == null) {
            throw OAuthError.invalidClient("Client authentication is required", true);
        }
        return new ClientAuthentication(postedId, postedSecret, false);
    }

    private static ClientAuthentication basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.invalidClient("Only Basic client authentication is accepted in Authorization", true);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials", true);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthError.invalidClient("Malformed Basic credentials", true);
        }
        try {
            return new ClientAuthentication(
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8),
                    true);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic credentials", true);
        }
    }

    /** A parameter sent at most once (RFC 6749 section 3.2); null when absent or empty. */
    static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuthError.invalidRequest("Parameter " + name + " is repeated");
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }
}
