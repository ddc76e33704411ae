package dev.latchkey.token.bootstrap;

import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.token.token.ApiTokenService;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.token.ApiTokenRepository;
import dev.latchkey.token.token.TokenContext;
import dev.latchkey.token.token.TokenType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.PrintStream;
import org.hibernate.exception.ConstraintViolationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Makes sure the vendor bootstrap credential exists. On first start with an empty database it is generated and
 * printed once to standard output (not to the log); or it is taken from configuration, which then stays the source
 * of truth: a configured secret that differs from the stored one replaces it.
 */
@ApplicationScoped
public class BootstrapCredential {

    static final String BANNER_START = "==== Latchkey vendor bootstrap credential (shown once; store it now) ====";
    private static final Logger LOG = Logger.getLogger(BootstrapCredential.class);

    private final ApiTokenRepository tokens;
    private final SecretHasher hasher;
    private final BootstrapConfig config;
    private final PrintStream console;
    private final Outbox outbox;

    BootstrapCredential(ApiTokenRepository tokens, SecretHasher hasher, BootstrapConfig config, Outbox outbox) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.hasher = hasher;
        this.config = config;
        this.console = System.out;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Configured configured = configured();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> tokens.findBootstrap()
                        .flatMap(existing -> existing == null ? create(configured) : reconcile(existing, configured)))
                // Another replica created it at the same moment: theirs stands, and only they print it.
                .onFailure(ConstraintViolationException.class).recoverWithNull());
    }

    private Uni<Void> create(Configured configured) {
        String clientId = configured == null ? SecretFormat.newClientId() : configured.clientId();
        String secret = configured == null ? SecretFormat.generate(SecretKind.CLIENT_SECRET) : configured.secret();
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.context = TokenContext.VENDOR;
        token.type = TokenType.CLIENT_CREDENTIALS;
        token.clientId = clientId;
        token.secretHash = hasher.hash(secret);
        token.bootstrap = true;
        token.description = "Vendor bootstrap credential";
        token.createdBy = "bootstrap";
        token.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        token.updatedAt = token.createdAt;
        token.secretHint = SecretFormat.hint(secret);
        return tokens.persistAndFlush(token).invoke(() -> {
            LOG.infof("Created the vendor bootstrap credential, client id %s", clientId);
            if (configured == null) {
                printOnce(clientId, secret);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> reconcile(ApiToken existing, Configured configured) {
        if (configured == null || (existing.clientId.equals(configured.clientId())
                && hasher.matches(configured.secret(), existing.secretHash))) {
            return Uni.createFrom().voidItem();
        }
        existing.clientId = configured.clientId();
        existing.secretHash = hasher.hash(configured.secret());
        existing.secretHint = SecretFormat.hint(configured.secret());
        existing.secretGeneration++;
        existing.previousSecretHash = null;
        existing.previousSecretExpiresAt = null;
        existing.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.infof("Replaced the vendor bootstrap credential from configuration, client id %s", existing.clientId);
        // A roll like any other: every service refuses the JWTs the old secret got, and auth-service its refresh tokens.
        return outbox.append(ChangeType.TOKEN_ROLLED, null, ApiTokenService.describe(existing, null, 0, existing.updatedAt));
    }

    private Configured configured() {
        if (config.clientId().isEmpty() && config.clientSecret().isEmpty()) {
            return null;
        }
        String clientId = config.clientId().orElseThrow(() ->
                new IllegalStateException("latchkey.bootstrap.client-secret is set but latchkey.bootstrap.client-id is not"));
        String secret = config.clientSecret().orElseThrow(() ->
                new IllegalStateException("latchkey.bootstrap.client-id is set but latchkey.bootstrap.client-secret is not"));
        if (!SecretFormat.isClientId(clientId)) {
            throw new IllegalStateException("latchkey.bootstrap.client-id is not a Latchkey client id (lk_ci_...)");
        }
        if (!SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, secret)) {
            throw new IllegalStateException("latchkey.bootstrap.client-secret is not a well-formed client secret (lk_cs_...)");
        }
        return new Configured(clientId, secret);
    }

    private void printOnce(String clientId, String secret) {
        console.println();
        console.println(BANNER_START);
        console.println("  client_id:     " + clientId);
        console.println("  client_secret: " + secret);
        console.println("=".repeat(BANNER_START.length()));
        console.println();
        console.flush();
    }

    private record Configured(String clientId, String secret) {
        @Override
        public String toString() {
            return "Configured[clientId=" + clientId + "]";
        }
    }
}
