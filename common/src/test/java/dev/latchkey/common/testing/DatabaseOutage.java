package dev.latchkey.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a service must do while its database is gone and when it is back, checked the same way in all three services
 * against a {@link RestartablePostgresResource}: every call answers 503 within {@link #MAX_ANSWER} (problem+json
 * {@code database-unavailable}, or RFC 6749 {@code temporarily_unavailable} on /oauth/), with {@code Retry-After};
 * never 500, never a hang; readiness DOWN; and, once PostgreSQL is started again on the same port and data, 2xx and
 * readiness UP within {@link #RECOVERY} without a restart. Timings are printed, for docs/reliability.md.
 */
public final class DatabaseOutage {

    /** The longest any call may take while the database is gone: latchkey.db.acquire-timeout (2 s) and a margin. */
    public static final Duration MAX_ANSWER = Duration.ofSeconds(3);
    /** How soon after PostgreSQL is back the service must answer 2xx and be ready again. */
    public static final Duration RECOVERY = Duration.ofSeconds(5);

    private DatabaseOutage() {
    }

    /** Stops the test's PostgreSQL (pg_ctl stop -m fast: open sessions are terminated). */
    public static void stopDatabase() {
        long start = System.nanoTime();
        RestartablePostgresResource.server().stop();
        report("PostgreSQL stopped in", start);
    }

    /** Starts it again, same port and data directory. */
    public static void startDatabase() {
        long start = System.nanoTime();
        RestartablePostgresResource.server().start();
        report("PostgreSQL started in", start);
    }

    /** {@code call} answers 503 problem+json database-unavailable with Retry-After, within {@link #MAX_ANSWER}. */
    public static void assertProblem(String what, Supplier<Response> call) {
        Response response = timed(what, call);
        assertEquals(503, response.statusCode(), what + " while the database is gone: " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), what + ": " + response.contentType());
        assertEquals("urn:latchkey:problem:database-unavailable", response.path("type"), what);
        assertEquals(503, (int) response.path("status"), what);
        assertRetryAfter(what, response);
    }

    /** {@code call} answers 503 RFC 6749 temporarily_unavailable with Retry-After, within {@link #MAX_ANSWER}. */
    public static void assertOAuthError(String what, Supplier<Response> call) {
        Response response = timed(what, call);
        assertEquals(503, response.statusCode(), what + " while the database is gone: " + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), what + ": " + response.contentType());
        assertEquals("temporarily_unavailable", response.path("error"), what);
        assertRetryAfter(what, response);
    }

    /** Waits until readiness says {@code up} (200) or down (503); returns the milliseconds it took. */
    public static long awaitReadiness(URL ready, boolean up, Duration within) {
        long start = System.nanoTime();
        int expected = up ? 200 : 503;
        int last = -1;
        while (System.nanoTime() - start < within.toNanos()) {
            last = given().get(ready).statusCode();
            if (last == 404) {
                fail("no readiness at " + ready);
            }
            if (last == expected) {
                return report("readiness " + (up ? "UP" : "DOWN") + " after", start);
            }
            pause();
        }
        return fail("readiness still " + last + " after " + within.toMillis() + " ms; expected " + expected);
    }

    /** Waits until {@code call} answers 2xx; returns the milliseconds it took. Never a 500 on the way. */
    public static long awaitSuccess(String what, Supplier<Response> call, Duration within) {
        long start = System.nanoTime();
        Response last = null;
        while (System.nanoTime() - start < within.toNanos()) {
            last = call.get();
            assertTrue(last.statusCode() != 500, what + " answered 500 while recovering: " + last.asString());
            if (last.statusCode() / 100 == 2) {
                return report(what + " 2xx after", start);
            }
            pause();
        }
        return fail(what + " did not recover within " + within.toMillis() + " ms: " + (last == null ? "no answer"
                : last.statusCode() + " " + last.asString()));
    }

    private static Response timed(String what, Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        long millis = report(what + " answered " + response.statusCode() + " in", start);
        assertTrue(millis <= MAX_ANSWER.toMillis(), what + " took " + millis + " ms, more than " + MAX_ANSWER);
        return response;
    }

    private static void assertRetryAfter(String what, Response response) {
        String retryAfter = response.header("Retry-After");
        assertNotNull(retryAfter, what + " has no Retry-After");
        assertTrue(retryAfter.matches("[1-9][0-9]?"), what + ": Retry-After " + retryAfter);
    }

    private static long report(String what, long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("[outage] " + what + " " + millis + " ms");
        return millis;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
