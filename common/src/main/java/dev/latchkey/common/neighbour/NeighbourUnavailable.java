package dev.latchkey.common.neighbour;

import jakarta.ws.rs.ProcessingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * The one rule that tells "another Latchkey service cannot answer right now" from a bug (ADR 0016): a REST client call
 * that could not connect or timed out ({@link ProcessingException}), a neighbour that answered 5xx (its own outage:
 * its database, its feeds), or a wait that was given up ({@link TimeoutException}). The caller then gets 503 (problem+json
 * {@code dependency-unavailable}, or OAuth {@code temporarily_unavailable}) and retries, never a 500. A neighbour's 4xx
 * is not an outage: it is a question we should not have asked, and stays a bug to look at.
 */
public final class NeighbourUnavailable {

    private static final int MAX_DEPTH = 32;

    private NeighbourUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says a neighbour service is unreachable or failing. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable e = failure; e != null && seen.add(e) && seen.size() <= MAX_DEPTH; e = e.getCause()) {
            if (e instanceof ProcessingException || e instanceof TimeoutException) {
                return true;
            }
            if (e instanceof ClientWebApplicationException client) {
                return client.getResponse() != null && client.getResponse().getStatus() >= 500;
            }
        }
        return false;
    }
}
