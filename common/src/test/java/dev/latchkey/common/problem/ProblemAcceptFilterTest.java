package dev.latchkey.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ProblemAcceptFilterTest {

    @Test
    void problemJsonAloneAlsoAdmitsJson() {
        assertEquals("application/problem+json, application/json",
                ProblemAcceptFilter.widen("application/problem+json"));
    }

    @Test
    void jsonIsAdmittedAtTheQualityOfProblemJson() {
        assertEquals("text/plain, application/problem+json;q=0.5, application/json;q=0.5",
                ProblemAcceptFilter.widen("text/plain, application/problem+json;q=0.5"));
        assertEquals("Application/Problem+JSON ; Q=0.8, application/json;q=0.8",
                ProblemAcceptFilter.widen("Application/Problem+JSON ; Q=0.8"));
    }

    @Test
    void aHeaderThatSpeaksOfJsonOrWildcardsStaysAsItIs() {
        assertEquals("application/problem+json, application/json",
                ProblemAcceptFilter.widen("application/problem+json, application/json"));
        assertEquals("application/problem+json, application/json;q=0",
                ProblemAcceptFilter.widen("application/problem+json, application/json;q=0"));
        assertEquals("application/problem+json, */*;q=0.1", ProblemAcceptFilter.widen("application/problem+json, */*;q=0.1"));
        assertEquals("application/problem+json, application/*", ProblemAcceptFilter.widen("application/problem+json, application/*"));
    }

    @Test
    void aHeaderWithoutProblemJsonOrRefusingItStaysAsItIs() {
        assertEquals("text/html", ProblemAcceptFilter.widen("text/html"));
        assertEquals("application/problem+json;q=0", ProblemAcceptFilter.widen("application/problem+json;q=0"));
        assertEquals("application/problem+json;q=0.000", ProblemAcceptFilter.widen("application/problem+json;q=0.000"));
        assertNull(ProblemAcceptFilter.widen(null));
        assertEquals("", ProblemAcceptFilter.widen(""));
    }

    @Test
    void aMalformedQualityIsNotCopied() {
        assertEquals("application/problem+json;q=abc, application/json",
                ProblemAcceptFilter.widen("application/problem+json;q=abc"));
        assertEquals("application/problem+json;q=1.5, application/json",
                ProblemAcceptFilter.widen("application/problem+json;q=1.5"));
    }

    @Test
    void aRequestWithoutAcceptPassesUntouched() {
        // the change-feed clients send no Accept header; the filter once threw on them and every feed answered 500
        ContainerRequestContext noAccept = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return null;
                    }
                    throw new AssertionError("the filter changed a request without Accept: " + method.getName());
                });
        new ProblemAcceptFilter().admitJson(noAccept);
    }

    /** Any Accept header a client may send, well-formed or not: widened or left as it is, never an exception. */
    @Property(tries = 3000)
    void anyHeaderIsWidenedOrLeftAlone(@ForAll("acceptHeaders") String accept) {
        String widened = ProblemAcceptFilter.widen(accept);
        if (!widened.equals(accept)) {
            assertTrue(widened.startsWith(accept + ", application/json"), widened);
        }
    }

    @Provide
    Arbitrary<String> acceptHeaders() {
        Arbitrary<String> piece = Arbitraries.of(";", ",", "/", " ", "=", "q", "q=", "0", "1", ".5", "*", "*/*",
                "application/json", "application/problem+json", "Application/Problem+JSON", "text/html", "a");
        return piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
