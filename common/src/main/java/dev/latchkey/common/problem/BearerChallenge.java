package dev.latchkey.common.problem;

/**
 * The {@code WWW-Authenticate} challenges of RFC 6750 section 3, in one place: no credentials gets a bare challenge;
 * a bearer token that was sent but is not (or no longer) valid gets {@code invalid_token}; a valid one that lacks
 * the rights gets {@code insufficient_scope} on its 403. Client libraries refresh or re-authenticate on exactly these.
 */
public final class BearerChallenge {

    public static final String NONE_SENT = "Bearer realm=\"latchkey\"";
    public static final String INVALID_TOKEN = "Bearer realm=\"latchkey\", error=\"invalid_token\"";
    public static final String INSUFFICIENT_SCOPE = "Bearer realm=\"latchkey\", error=\"insufficient_scope\"";

    private BearerChallenge() {
    }

    /** The 401 challenge for a request with this {@code Authorization} header (null when none was sent). */
    public static String unauthorized(String authorization) {
        return authorization == null || authorization.isBlank() ? NONE_SENT : INVALID_TOKEN;
    }
}
