package dev.latchkey.common.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class UniqueViolationTest {

    @Test
    void aUniqueIndexRefusalIsRecognisedThroughItsWrappers() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertTrue(UniqueViolation.causedBy(new CompletionException(new RuntimeException("executing SQL", duplicate))));
        RuntimeException suppressedOnly = new RuntimeException("transaction failed");
        suppressedOnly.addSuppressed(new RuntimeException(duplicate));
        assertTrue(UniqueViolation.causedBy(suppressedOnly));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(UniqueViolation.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(UniqueViolation.causedBy(new SQLException("no state")));
        assertFalse(UniqueViolation.causedBy(new IllegalStateException("bug")));
        assertFalse(UniqueViolation.causedBy(null));
    }
}
