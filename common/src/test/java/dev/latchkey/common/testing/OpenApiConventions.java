package dev.latchkey.common.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a management service's served OpenAPI document generate a usable SDK (issue 9, "contracts as a
 * product"), checked on every operation: a unique camelCase operationId, a summary, a description and one declared
 * tag; every path template parameter declared; security {@code bearer}, or {@code service} exactly under
 * {@code /internal/}; a typed JSON body on every 2xx but 204, none on 204; a named {@code Problem} under
 * {@code application/problem+json} on every 4xx; 401 declared everywhere and 400 wherever there is input.
 */
public final class OpenApiConventions {

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiConventions() {
    }

    /** Every broken convention of the served document, one line each; empty when all hold. */
    public static List<String> check() {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            return check(new ObjectMapper().readTree(served));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> check(JsonNode document) {
        List<String> failures = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    String where = op.getKey().toUpperCase() + " " + path.getKey() + ": ";
                    operation(path.getKey(), path.getValue(), op.getValue(), tags, operationIds)
                            .forEach(failure -> failures.add(where + failure));
                }
            }
        }
        return failures;
    }

    private static List<String> operation(String path, JsonNode pathItem, JsonNode op, Set<String> tags,
            Set<String> operationIds) {
        List<String> failures = new ArrayList<>();
        String id = op.path("operationId").asText("");
        if (!OPERATION_ID.matcher(id).matches()) {
            failures.add("operationId '" + id + "' is not camelCase");
        } else if (!operationIds.add(id)) {
            failures.add("operationId '" + id + "' is used twice");
        }
        for (String field : List.of("summary", "description")) {
            if (op.path(field).asText("").isBlank()) {
                failures.add("no " + field);
            }
        }
        if (op.path("tags").size() != 1 || !tags.contains(op.path("tags").path(0).asText())) {
            failures.add("needs exactly one tag declared at the top: " + op.path("tags"));
        }
        Set<String> declared = new HashSet<>();
        for (JsonNode parameters : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            parameters.forEach(p -> {
                if ("path".equals(p.path("in").asText())) {
                    declared.add(p.path("name").asText());
                }
            });
        }
        for (Matcher m = TEMPLATE.matcher(path); m.find(); ) {
            if (!declared.contains(m.group(1))) {
                failures.add("path parameter {" + m.group(1) + "} is not declared");
            }
        }
        String scheme = path.startsWith("/internal/") ? "service" : "bearer";
        JsonNode security = op.path("security");
        if (security.size() != 1 || security.path(0).size() != 1 || !security.path(0).has(scheme)) {
            failures.add("security must be exactly " + scheme + ", is " + security);
        }
        failures.addAll(responses(op));
        return failures;
    }

    private static List<String> responses(JsonNode op) {
        List<String> failures = new ArrayList<>();
        JsonNode responses = op.path("responses");
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            String code = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (code.startsWith("2")) {
                success = true;
                if (code.equals("204")) {
                    if (!content.isMissingNode() && !content.isEmpty()) {
                        failures.add("204 has a body");
                    }
                } else if (!named(content.path("application/json").path("schema"))) {
                    failures.add(code + " has no named JSON model: " + content);
                }
            } else if (code.startsWith("4")) {
                if (content.size() != 1 || !PROBLEM.equals(content.path("application/problem+json").path("schema")
                        .path("$ref").asText())) {
                    failures.add(code + " is not a Problem under application/problem+json: " + content);
                }
            }
        }
        if (!success) {
            failures.add("no 2xx response");
        }
        if (!responses.has("401")) {
            failures.add("no 401 response");
        }
        boolean input = op.has("requestBody") || hasQueryParameter(op);
        if (input && !responses.has("400")) {
            failures.add("takes input but declares no 400");
        }
        return failures;
    }

    /** A $ref to a named model, or an array of them. */
    private static boolean named(JsonNode schema) {
        return schema.has("$ref") || "array".equals(schema.path("type").asText()) && schema.path("items").has("$ref");
    }

    private static boolean hasQueryParameter(JsonNode op) {
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                return true;
            }
        }
        return false;
    }
}
