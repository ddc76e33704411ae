package dev.latchkey.system;

import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;

/**
 * What one call through the SDK got, sorted the way the fault tests judge it (issue 14): an answer in time (2xx, a
 * 4xx, a 503 that says it is temporary), a 5xx that is a bug, a call that hung past its timeout, or no answer at all
 * (connection refused or cut: the service it was sent to is not running).
 */
record Answer(Kind kind, int status, String body, boolean retryAfter, long startNanos, long endNanos) {

    enum Kind {
        /** 2xx. */
        OK,
        /** A 4xx. Whether it was expected is the caller's judgement. */
        REFUSED,
        /** 503 as problem+json, or RFC 6749 {@code temporarily_unavailable}: "not now, try again". */
        UNAVAILABLE,
        /** Any other 5xx, or a 503 that does not say what it is: a failure. */
        SERVER_ERROR,
        /** No answer within the client's timeout. */
        HANG,
        /** Connection refused or cut before an answer. */
        NO_ANSWER
    }

    /** A call through any of the three generated SDKs. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    static Answer of(Call call) {
        long start = System.nanoTime();
        try {
            call.run();
            return new Answer(Kind.OK, 200, "", false, start, System.nanoTime());
        } catch (dev.latchkey.sdk.rbac.invoker.ApiException e) {
            return classify(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e, start);
        } catch (dev.latchkey.sdk.token.invoker.ApiException e) {
            return classify(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e, start);
        } catch (dev.latchkey.sdk.auth.invoker.ApiException e) {
            return classify(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e, start);
        } catch (Exception e) {
            throw new AssertionError("the SDK failed in an unexpected way", e);
        }
    }

    private static Answer classify(int code, HttpHeaders headers, String body, Exception e, long start) {
        long end = System.nanoTime();
        String text = body == null ? "" : body;
        if (code == 0) {
            boolean timedOut = e.getCause() instanceof HttpTimeoutException;
            return new Answer(timedOut ? Kind.HANG : Kind.NO_ANSWER, 0, String.valueOf(e.getCause()), false, start, end);
        }
        boolean retryAfter = headers != null && headers.firstValue("Retry-After").isPresent();
        Kind kind = code >= 200 && code < 300 ? Kind.OK
                : code < 500 ? Kind.REFUSED
                : code == 503 && saysTemporary(headers, text) ? Kind.UNAVAILABLE
                : Kind.SERVER_ERROR;
        return new Answer(kind, code, text, retryAfter, start, end);
    }

    /** problem+json (the management APIs), or an RFC 6749 {@code temporarily_unavailable} (the OAuth endpoints). */
    private static boolean saysTemporary(HttpHeaders headers, String body) {
        String type = headers == null ? "" : headers.firstValue("Content-Type").orElse("");
        return type.startsWith("application/problem+json") || body.contains("\"temporarily_unavailable\"");
    }

    boolean ok() {
        return kind == Kind.OK;
    }

    boolean refusedWith(int code) {
        return kind == Kind.REFUSED && status == code;
    }

    long millis() {
        return (endNanos - startNanos) / 1_000_000;
    }

    @Override
    public String toString() {
        return kind + (status == 0 ? "" : " " + status) + " after " + millis() + " ms"
                + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
    }
}
