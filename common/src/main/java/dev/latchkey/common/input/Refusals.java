package dev.latchkey.common.input;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers to input refused before a resource runs: problem+json on the management APIs, and an RFC 6749
 * {@code invalid_request} on the OAuth endpoints ({@link InputConfig#oauthPaths()}).
 */
public final class Refusals {

    public static final String PAYLOAD_TOO_LARGE = Problem.TYPE_PREFIX + "payload-too-large";

    private Refusals() {
    }

    /** 400 naming the parameter whose value (or name) cannot be stored. */
    public static Response unstorable(boolean oauth, String field) {
        if (oauth) {
            return oauthInvalidRequest(400, field + " " + StorableText.MESSAGE);
        }
        return ProblemMappers.respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400,
                field + ": " + StorableText.MESSAGE, List.of(new Problem.Violation(field, StorableText.MESSAGE))));
    }

    /** The detail of a 413. */
    public static String tooLarge(long limit) {
        return "The request body is larger than " + limit + " bytes";
    }

    /** An RFC 6749 section 5.2 error; never cached. */
    public static Response oauthInvalidRequest(int status, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "invalid_request");
        body.put("error_description", description);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
