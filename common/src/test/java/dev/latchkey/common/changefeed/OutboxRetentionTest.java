package dev.latchkey.common.changefeed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRetentionTest {

    @Test
    void aRetentionShorterThanTheLongestJwtLifetimeRefusesToStartNamingBothKeys() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OutboxPruner.checkRetention(Duration.ofHours(12), Duration.ofHours(24)));
        assertTrue(refused.getMessage().contains("latchkey.outbox.retention"), refused.getMessage());
        assertTrue(refused.getMessage().contains("latchkey.revocation.max-jwt-lifetime"), refused.getMessage());
    }

    @Test
    void aRetentionOfAtLeastTheLongestJwtLifetimeIsAccepted() {
        assertDoesNotThrow(() -> OutboxPruner.checkRetention(Duration.ofHours(24), Duration.ofHours(24)));
        assertDoesNotThrow(() -> OutboxPruner.checkRetention(Duration.ofDays(7), Duration.ofHours(24)));
    }
}
