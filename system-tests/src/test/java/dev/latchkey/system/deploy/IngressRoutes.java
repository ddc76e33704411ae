package dev.latchkey.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Ingress's routes as ingress-nginx applies them with {@code use-regex}: each path a case-insensitive regular
 * expression anchored at the start of the URI ({@code location ~* "^path"}), tried longest path first.
 */
final class IngressRoutes {

    record Route(String path, String service, String port) {
        boolean matches(String uri) {
            return Pattern.compile("^" + path, Pattern.CASE_INSENSITIVE).matcher(uri).find();
        }
    }

    private IngressRoutes() {
    }

    static List<Route> of(JsonNode ingress) {
        boolean regex = "true".equals(ingress.path("metadata").path("annotations")
                .path("nginx.ingress.kubernetes.io/use-regex").asText());
        List<Route> routes = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode service = path.path("backend").path("service");
                JsonNode port = service.path("port");
                String raw = path.path("path").asText();
                routes.add(new Route(regex ? raw : Pattern.quote(raw), service.path("name").asText(),
                        port.has("name") ? port.path("name").asText() : port.path("number").asText()));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed());
        return routes;
    }

    static Optional<String> serviceFor(List<Route> routes, String uri) {
        return routes.stream().filter(r -> r.matches(uri)).map(Route::service).findFirst();
    }
}
