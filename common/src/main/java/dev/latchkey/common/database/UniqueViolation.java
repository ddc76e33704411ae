package dev.latchkey.common.database;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;

/**
 * The one rule that recognises PostgreSQL's unique index refusing a row (SQLSTATE 23505), as the Vert.x client reports
 * it or as Hibernate Reactive wraps it ({@code ConstraintViolationException} over an {@link SQLException}): two
 * requests raced past a service's own check for the same key.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_DEPTH = 32;

    private UniqueViolation() {
    }

    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable e = failure; e != null && depth++ < MAX_DEPTH; e = e.getCause() == e ? null : e.getCause()) {
            String state = e instanceof PgException pg ? pg.getSqlState() : e instanceof SQLException sql ? sql.getSQLState() : null;
            if (UNIQUE_VIOLATION.equals(state)) {
                return true;
            }
            for (Throwable suppressed : e.getSuppressed()) {
                if (suppressed != e && causedBy(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
