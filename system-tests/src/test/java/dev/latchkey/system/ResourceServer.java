package dev.latchkey.system;

import java.util.List;

/**
 * Where a client's JWT meets the vendor's own API. The journey hands every JWT a client got to one and asserts what
 * the API behind it saw. {@link JwksResourceServer} verifies locally against auth-service's live JWKS, as every
 * gateway does; a real gateway in front of a backend implements the same two methods.
 */
interface ResourceServer {

    /** What the backend learnt from a request it let through. */
    record Seen(String subject, String tenantId, String tokenType, List<String> roles, List<String> permissions) {
    }

    /** Sends a request carrying {@code jwt}; the backend's view of it, or an AssertionError when it was refused. */
    Seen call(String jwt);

    /** Whether a request carrying {@code jwt} is refused before it reaches the backend. */
    boolean refuses(String jwt);
}
