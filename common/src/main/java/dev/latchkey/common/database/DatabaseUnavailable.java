package dev.latchkey.common.database;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one rule that tells "the database cannot be reached right now" from every other failure, so that an outage
 * answers 503 (retry shortly) and a bug still answers 500. It walks the cause chain, through Hibernate Reactive's and
 * Mutiny's wrappers ({@code HibernateException}, {@code CompletionException}), and recognises:
 * <ul>
 * <li>a connection that cannot be opened: refused, no route, unknown host, connect timeout;</li>
 * <li>a connection that broke: Vert.x {@link ClosedConnectionException}, "Connection is not active now", a socket
 * reset or broken under a read or a write;</li>
 * <li>PostgreSQL saying so itself: SQLSTATE class 08 (connection exception), 57P01/57P02/57P03 (admin, crash
 * shutdown, cannot connect now: a stopping or starting server) and 53300 (too many connections);</li>
 * <li>the pool giving up waiting for a connection ({@code latchkey.db.acquire-timeout}).</li>
 * </ul>
 * Any other PostgreSQL error (syntax, an unexpected constraint) is not an outage. A failure that went through the REST
 * client ({@link ProcessingException}) is a neighbour's, not the database's, and is not recognised here.
 */
public final class DatabaseUnavailable {

    /** What the Vert.x SQL pool fails a request with when no connection came within its connection timeout. */
    private static final Set<String> POOL_TIMEOUTS = Set.of("Timeout", "Timeout waiting for connection");
    /** What Vert.x fails a statement with on a connection the server has closed (seen when PostgreSQL stops). */
    private static final String CLOSED_CONNECTION = "Connection is not active now";
    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database is unreachable. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable e = failure; e != null && seen.add(e) && seen.size() <= MAX_DEPTH; e = e.getCause()) {
            if (e instanceof ProcessingException) {
                return false;
            }
            if (e instanceof PgException pg) {
                return unavailableState(pg.getSqlState());
            }
            if (isOutage(e)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATEs that mean the server is going, gone or not yet there; never a statement's own fault. */
    static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("53300"));
    }

    private static boolean isOutage(Throwable e) {
        return e instanceof ConnectException // refused; Netty's connect timeout is one too
                || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException
                || e instanceof SocketTimeoutException
                || e instanceof IOException && brokenSocket(e.getMessage())
                || e instanceof ClosedConnectionException
                || isVertxOutage(e);
    }

    /**
     * A socket the server closed under a read or a write: a {@link SocketException} on a read, a plain
     * {@link IOException} from NIO's write ("Connection reset by peer", "Broken pipe"), as seen when PostgreSQL stops
     * while a statement is being sent.
     */
    private static boolean brokenSocket(String message) {
        return message != null && (message.contains("Connection reset") || message.contains("Broken pipe"));
    }

    /** Vert.x's message-only failures: a pool that got no connection in time, a connection already closed. */
    private static boolean isVertxOutage(Throwable e) {
        String type = e.getClass().getName();
        String message = e.getMessage();
        return (type.equals("io.vertx.core.impl.NoStackTraceThrowable") || type.equals("io.vertx.core.VertxException")
                || type.equals("io.vertx.core.impl.NoStackTraceTimeoutException"))
                && message != null && (POOL_TIMEOUTS.contains(message) || message.startsWith(CLOSED_CONNECTION));
    }
}
