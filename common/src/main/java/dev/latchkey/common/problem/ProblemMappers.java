package dev.latchkey.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.latchkey.common.caller.KeySetUnavailable;
import dev.latchkey.common.database.DatabaseUnavailable;
import dev.latchkey.common.database.UniqueViolation;
import dev.latchkey.common.neighbour.NeighbourUnavailable;
import dev.latchkey.common.input.StorableText;
import dev.latchkey.common.input.UnstorableTextException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error of the management APIs into {@code application/problem+json} (RFC 9457): validation
 * failures name each field, unreadable JSON names the field it broke on, unknown routes and wrong media
 * types answer problem+json too, and nothing unexpected leaks a stack trace (it is logged with an id).
 * What is our fault for a moment rather than the caller's (the database unreachable, auth-service's keys not yet
 * fetchable) answers 503 with {@code Retry-After}, never 500 nor 401.
 */
public class ProblemMappers {

    /**
     * Seconds a client should wait before retrying a 503: every 503 problem carries it. One second: a restarted
     * database is found by the next request (no reconnect back-off), and the services are ready again within about
     * a second of it (docs/reliability.md).
     */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v.getPropertyPath()))) {
            return internalError(e);
        }
        return violations((ConstraintViolationException) e);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, detail, violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400,
                "The request body is not valid JSON (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")"));
    }

    @ServerExceptionMapper
    public Response unreadable(MismatchedInputException e) {
        return unreadable((JsonMappingException) e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e) {
        String field = jsonPath(e);
        String message;
        if (e instanceof UnstorableTextException) {
            field = field.isEmpty() ? "body" : field;
            message = StorableText.MESSAGE;
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = field.isEmpty() ? u.getPropertyName() : field;
            message = "unknown field";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + describe(m.getTargetType());
        } else {
            message = "cannot be read";
        }
        if (field.isEmpty()) {
            return respond(Problem.of("malformed-json", "Malformed JSON", 400, "The request body cannot be read: " + message));
        }
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, field + ": " + message,
                List.of(new Problem.Violation(field, message))));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON"));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
        return refuseBearer(e, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(AuthenticationFailedException e, HttpHeaders headers) {
        return refuseBearer(e, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "The caller may not do this"));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException p) {
            return unreadable(p);
        }
        if (e.getCause() instanceof JsonMappingException m) {
            return unreadable(m);
        }
        int status = e.getResponse().getStatus();
        if (NeighbourUnavailable.causedBy(e)) {
            return neighbourUnavailable(e);
        }
        if (status >= 500) {
            return internalError(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String kind = known == null ? "http-" + status : title.toLowerCase().replace(' ', '-');
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(kind, title, status, detailFor(status, e)));
        copyHeader(e.getResponse(), response, HttpHeaders.ALLOW);
        copyHeader(e.getResponse(), response, HttpHeaders.WWW_AUTHENTICATE);
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (KeySetUnavailable.causedBy(e)) {
            return keySetUnavailable(e);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e);
        }
        if (NeighbourUnavailable.causedBy(e)) {
            return neighbourUnavailable(e);
        }
        if (UniqueViolation.causedBy(e)) {
            // two requests raced past a service's own uniqueness check (a role key, a tenant's external id)
            return respond(Problem.of("conflict", "Conflict", 409,
                    "Another request made the same thing at the same moment; read it again"));
        }
        return internalError(e);
    }

    /**
     * The problem as its response; a 403 also says {@code insufficient_scope} to bearer clients (RFC 6750), a 503
     * says when to retry.
     */
    public static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 403) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.INSUFFICIENT_SCOPE);
        }
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** 503 {@code database-unavailable}: logged without a stack trace, which an outage would repeat per request. */
    private static Response databaseUnavailable(Throwable e) {
        LOG.warnf("Database unavailable: %s", rootMessage(e));
        return respond(Problem.of("database-unavailable", "Service unavailable", 503,
                "The database cannot be reached right now; retry shortly"));
    }

    /** 503 {@code dependency-unavailable}: another Latchkey service did not answer in time, or answered 5xx. */
    private static Response neighbourUnavailable(Throwable e) {
        LOG.warnf("A neighbour service is unavailable: %s", rootMessage(e));
        return respond(Problem.of("dependency-unavailable", "Service unavailable", 503,
                "Another Latchkey service cannot answer right now; retry shortly"));
    }

    /** The innermost cause's type and message, for a one-line log. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 32 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    /**
     * A missing, forged or expired bearer token: 401 with the Bearer challenge (RFC 6750). But a token that could not
     * be checked because auth-service's key set cannot be fetched (start-up order, auth-service down before the
     * first fetch) is our problem, not the caller's: 503, so that clients retry instead of re-authenticating.
     */
    private static Response refuseBearer(RuntimeException e, HttpHeaders headers) {
        if (KeySetUnavailable.causedBy(e)) {
            return keySetUnavailable(e);
        }
        return unauthorized(headers);
    }

    private static Response keySetUnavailable(Throwable e) {
        LOG.warnf("Bearer JWT not verifiable yet, its issuer's keys cannot be fetched: %s", rootMessage(e));
        return respond(Problem.of("dependency-unavailable", "Service unavailable", 503,
                "The keys that verify bearer tokens cannot be fetched from their issuer right now; retry shortly"));
    }

    private static Response unauthorized(HttpHeaders headers) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.unauthorized(headers.getHeaderString(HttpHeaders.AUTHORIZATION)))
                .entity(Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required")).build();
    }

    private static Response internalError(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", id);
        return respond(Problem.of("internal", "Internal error", 500, "Unexpected error; reference " + id));
    }

    private static String detailFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 415 -> "Unsupported media type; send application/json";
            default -> e.getMessage() == null ? "Request refused" : e.getMessage();
        };
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The body field (a.b[0].c) when the violation is below a body, else the parameter's name. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder property = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null) {
                        property.append('[').append(node.getIndex()).append(']');
                    } else if (node.getKey() != null) {
                        property.append('[').append(node.getKey()).append(']');
                    }
                    if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                        property.append(property.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
                default -> {
                }
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter == null ? "" : parameter;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        return "an object";
    }
}
