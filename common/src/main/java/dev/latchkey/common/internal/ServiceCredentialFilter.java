package dev.latchkey.common.internal;

import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /internal/...}: service-to-service calls must present the configured service credential
 * in {@value #HEADER}, compared in constant time. Anything else there answers 401 problem+json.
 */
public class ServiceCredentialFilter {

    public static final String HEADER = "X-Latchkey-Service";
    public static final String PATH_PREFIX = "/internal/";

    private final byte[] expected;

    public ServiceCredentialFilter(InternalConfig config) {
        this.expected = config.credential().getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(PATH_PREFIX)) {
            return null;
        }
        String presented = request.getHeaderString(HEADER);
        if (presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return ProblemMappers.respond(Problem.of("unauthorized", "Unauthorized", 401,
                "Internal endpoints require the service credential"));
    }
}
