package dev.latchkey.auth.credential;

import dev.latchkey.common.secret.SecretFormat;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Collects uses and failed uses in memory and sends them to token-service in batches (lastUsedAt and the audit
 * log), never a write per exchange. A batch that cannot be delivered is dropped with a warning: lastUsedAt is
 * informative; failures beyond the bound are dropped and their number logged with the next batch.
 */
@Singleton
public class UsageReporter {

    private static final Logger LOG = Logger.getLogger(UsageReporter.class);
    private static final int MAX_FAILURES = 10_000;

    private final UsageClient usageClient;
    private final Map<UUID, Instant> used = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<TokenServiceClient.Failure> failures = new ConcurrentLinkedQueue<>();
    private final LongAdder dropped = new LongAdder();

    private final UsageConfig config;

    /** The mapping is injected so that Quarkus registers it; the schedule reads the same key. */
    public UsageReporter(@RestClient UsageClient usageClient, UsageConfig config) {
        this.usageClient = usageClient;
        this.config = config;
    }

    public void used(UUID tokenId) {
        used.put(tokenId, Instant.now());
    }

    /** A refused use; never the presented secret. */
    public void failed(UUID tokenId, String clientId, String reason, String source) {
        if (failures.size() < MAX_FAILURES) {
            // Only a well-formed client id is worth recording (and fits token-service's limits); never the secret.
            String id = SecretFormat.isClientId(clientId) ? clientId : null;
            failures.add(new TokenServiceClient.Failure(tokenId, id, reason, Instant.now(), source));
        } else {
            dropped.increment();
        }
    }

    @Scheduled(every = "${latchkey.usage.flush-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        List<TokenServiceClient.Use> uses = new ArrayList<>();
        for (UUID id : List.copyOf(used.keySet())) {
            Instant at = used.remove(id);
            if (at != null) {
                uses.add(new TokenServiceClient.Use(id, at));
            }
        }
        List<TokenServiceClient.Failure> failed = new ArrayList<>();
        for (TokenServiceClient.Failure f = failures.poll(); f != null; f = failures.poll()) {
            failed.add(f);
        }
        long lost = dropped.sumThenReset();
        if (lost > 0) {
            LOG.warnf("%d failed uses were not recorded: more than %d arrived between two batches", lost, MAX_FAILURES);
        }
        if (uses.isEmpty() && failed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return usageClient.usage(new TokenServiceClient.UsageReport(uses, failed))
                .onFailure().invoke(e -> LOG.warnf("Dropped a usage batch (%d uses, %d failures; next batch in %s): %s",
                        uses.size(), failed.size(), config.flushEvery(), e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
