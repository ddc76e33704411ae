package dev.latchkey.common.problem;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Content negotiation for clients that ask for problem+json. Generated SDKs send {@code Accept:
 * application/problem+json} (the first media type their contract lists for an operation), sometimes alone; JAX-RS
 * would then answer 406 to every operation that produces {@code application/json}, even a DELETE answering 204.
 * Before matching, an Accept header that admits problem+json but names neither JSON nor a wildcard is widened to
 * admit {@code application/json} too, at the same quality. Errors stay problem+json: the mappers set that type
 * themselves. A header that speaks of JSON at all (even {@code application/json;q=0}) is left as it is.
 */
@Singleton
public class ProblemAcceptFilter {

    static final String JSON = "application/json";

    @ServerRequestFilter(preMatching = true)
    public void admitJson(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        String widened = widen(accept);
        // no Accept at all (the services' own REST clients send none) stays as it is
        if (widened != null && !widened.equals(accept)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, widened);
        }
    }

    /** The Accept header to negotiate with: {@code accept} itself, or it plus {@code application/json}. */
    static String widen(String accept) {
        if (accept == null || accept.isBlank()) {
            return accept;
        }
        String problemQuality = null;
        for (String range : accept.split(",")) {
            // -1: a range of nothing but ';' is one empty type, not no parts at all (";;;" answered 500)
            String[] parts = range.split(";", -1);
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
                return accept;
            }
            if (type.equals(Problem.MEDIA_TYPE)) {
                String quality = quality(parts);
                if (!isZero(quality)) {
                    problemQuality = quality;
                }
            }
        }
        if (problemQuality == null) {
            return accept;
        }
        // only a well-formed q-value is copied: the client's text never reaches the header otherwise
        boolean wellFormed = problemQuality.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?");
        return accept + ", " + JSON + (wellFormed ? ";q=" + problemQuality : "");
    }

    /** The q parameter of a media range, or "" when it has none. */
    private static String quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                return parameter.substring(2).trim();
            }
        }
        return "";
    }

    private static boolean isZero(String quality) {
        return quality.matches("0(\\.0{0,3})?");
    }
}
