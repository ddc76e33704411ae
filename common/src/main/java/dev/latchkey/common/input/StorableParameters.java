package dev.latchkey.common.input;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters PostgreSQL cannot store ({@link StorableText}) answer 400 naming the parameter, before
 * the resource runs: the same rule as for JSON bodies ({@link StorableTextModule}), for what arrives in the URL.
 */
public class StorableParameters {

    private final InputConfig config;

    public StorableParameters(InputConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        String field = unstorable(uri.getPathParameters());
        if (field == null) {
            field = unstorable(uri.getQueryParameters());
        }
        return field == null ? null : Refusals.unstorable(config.isOAuth(uri.getPath()), field);
    }

    /** The first parameter (or form field) whose name or a value cannot be stored (its name, printable), else null. */
    public static String unstorable(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!StorableText.storable(parameter.getKey())) {
                return StorableText.printable(parameter.getKey());
            }
            for (String value : parameter.getValue()) {
                if (!StorableText.storable(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }
}
