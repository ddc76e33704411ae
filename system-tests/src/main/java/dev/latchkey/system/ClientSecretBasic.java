package dev.latchkey.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * RFC 6749 §2.3.1 client_secret_basic as a header for the generated SDK's per-call headers (the native client does no
 * authentication of its own): form-encoded id and secret, then Base64 of {@code id:secret}.
 */
final class ClientSecretBasic {

    private ClientSecretBasic() {
    }

    static Map<String, String> header(String clientId, String secret) {
        String pair = form(clientId) + ":" + form(secret);
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
