package dev.latchkey.auth.oauth2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.common.database.DatabaseUnavailable;
import dev.latchkey.common.neighbour.NeighbourUnavailable;
import dev.latchkey.common.problem.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 6749 section 5.2 error of the token endpoint, thrown by the grants and answered by {@link TokenEndpoint}. */
public class OAuthError extends RuntimeException {

    static final String BASIC_CHALLENGE = "Basic realm=\"latchkey\", charset=\"UTF-8\"";

    private final String error;
    private final int status;
    private final boolean basicChallenge;
    private long retryAfter;

    private OAuthError(String error, String description, int status, boolean basicChallenge) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400, false);
    }

    /** @param basic whether the client authenticated with HTTP Basic, which then gets a Basic challenge back */
    public static OAuthError invalidClient(String description, boolean basic) {
        return new OAuthError("invalid_client", description, 401, basic);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400, false);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400, false);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400, false);
    }

    public static OAuthError unsupportedTokenType(String description) {
        return new OAuthError("unsupported_token_type", description, 400, false);
    }

    /** 429 with Retry-After: too many failures for this client id or source address. */
    public static OAuthError slowDown(long retryAfterSeconds) {
        OAuthError e = new OAuthError("slow_down", "Too many failed attempts; retry later", 429, false);
        e.retryAfter = retryAfterSeconds;
        return e;
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400, false);
    }

    /** 503 with Retry-After, as every 503 of the services (common ProblemMappers.RETRY_AFTER_SECONDS). */
    public static OAuthError temporarilyUnavailable(String description) {
        OAuthError e = new OAuthError("temporarily_unavailable", description, 503, false);
        e.retryAfter = ProblemMappers.RETRY_AFTER_SECONDS;
        return e;
    }

    /** Whether a failure that is not an OAuth error is an outage (the database or a neighbour, common's rules). */
    public static boolean isOutage(Throwable cause) {
        return DatabaseUnavailable.causedBy(cause) || NeighbourUnavailable.causedBy(cause);
    }

    /**
     * A check that failed for a reason other than an OAuth error: temporarily_unavailable, saying so when it was the
     * database (common's one rule, DatabaseUnavailable), else with {@code description}.
     */
    public static OAuthError unavailable(Throwable cause, String description) {
        return temporarilyUnavailable(DatabaseUnavailable.causedBy(cause)
                ? "The database cannot be reached right now; retry shortly" : description);
    }

    public String error() {
        return error;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(new Body(error, getMessage()));
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        if (retryAfter > 0) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.build();
    }

    /** The JSON body: field names exactly as RFC 6749 spells them. */
    @Schema(name = "OAuthError", description = "An OAuth error (RFC 6749 section 5.2)")
    public record Body(
            @JsonProperty("error") @Schema(required = true, enumeration = {"invalid_request", "invalid_client",
                    "invalid_grant", "invalid_scope", "unauthorized_client", "unsupported_grant_type",
                    "unsupported_token_type", "slow_down", "temporarily_unavailable"}, examples = "invalid_client")
            String error,
            @JsonProperty("error_description") @Schema(examples = "Client authentication failed") String errorDescription) {
    }
}
