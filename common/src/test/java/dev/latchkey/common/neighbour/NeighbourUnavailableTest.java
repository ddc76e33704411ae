package dev.latchkey.common.neighbour;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.junit.jupiter.api.Test;

/** What a REST client call to another Latchkey service fails with, told apart from bugs. */
class NeighbourUnavailableTest {

    @Test
    void unreachableTimedOutOrFailingNeighboursAreOutages() {
        assertTrue(NeighbourUnavailable.causedBy(new ProcessingException(new ConnectException("Connection refused"))));
        assertTrue(NeighbourUnavailable.causedBy(new CompletionException(new ProcessingException(
                new io.vertx.core.impl.NoStackTraceTimeoutException("The timeout period of 750ms has been exceeded")))));
        assertTrue(NeighbourUnavailable.causedBy(new TimeoutException("no answer within 850 ms")));
        assertTrue(NeighbourUnavailable.causedBy(new ClientWebApplicationException(503)));
        assertTrue(NeighbourUnavailable.causedBy(new RuntimeException(new ClientWebApplicationException(500))));
    }

    @Test
    void aNeighboursRefusalAndOurOwnFailuresAreNot() {
        assertFalse(NeighbourUnavailable.causedBy(new ClientWebApplicationException(404)));
        assertFalse(NeighbourUnavailable.causedBy(new ClientWebApplicationException(400)));
        assertFalse(NeighbourUnavailable.causedBy(new WebApplicationException(503)), "our own 503 is not a neighbour's");
        assertFalse(NeighbourUnavailable.causedBy(new IllegalStateException("a bug")));
        assertFalse(NeighbourUnavailable.causedBy(new NullPointerException()));
    }
}
