package dev.latchkey.auth.jwk;

import dev.latchkey.auth.config.AuthConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys (ADR 0003, 0009): all of them published in the JWKS, the active one signing. Every replica reads the
 * table at start and every few seconds and takes as active the newest key whose {@code signs_from} has come, so all
 * replicas agree. Rotation (under an advisory lock, by whichever replica gets there first) creates the next key
 * {@code publish-ahead} before it signs, longer than verifiers cache the JWKS; a retired key stays published until
 * every JWT it signed has expired, then is deleted.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;
    private final MasterKey masterKey;
    private final MasterKeyRotation masterKeyRotation;
    private final AuthConfig config;
    private final Map<String, PrivateKey> decrypted = new ConcurrentHashMap<>();
    private volatile KeySet keys;

    SigningKeys(SigningKeyRepository repository, MasterKey masterKey, MasterKeyRotation masterKeyRotation, AuthConfig config) {
        this.repository = repository;
        this.masterKey = masterKey;
        this.masterKeyRotation = masterKeyRotation;
        this.config = config;
    }

    /** A decrypted key ready to sign. */
    public record ActiveKey(String kid, KeyAlgorithm algorithm, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "ActiveKey[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }

    private record KeySet(ActiveKey active, String jwks, List<KeyAlgorithm> algorithms, int published) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::prepare);
        VertxContextSupport.subscribeAndAwait(this::reload);
        LOG.infof("Signing with key %s (%s); %d key(s) published", keys.active().kid(), keys.active().algorithm(), keys.published());
    }

    /**
     * Under the advisory lock, in one transaction: creates the first key on an empty table, else re-encrypts under the
     * current master key the keys a previous one sealed (and fails when a key opens under none).
     */
    Uni<Void> prepare() {
        return Panache.withTransaction(() -> repository.lockForCreation()
                .flatMap(locked -> repository.published())
                // The first key signs at once: no JWT exists yet that a verifier could lack its key for.
                .flatMap(existing -> existing.isEmpty() ? create(Instant.now()).replaceWithVoid() : masterKeyRotation.reseal(existing)));
    }

    public ActiveKey active() {
        return keys.active();
    }

    /** The JWKS document, serialised once per key change. */
    public String jwks() {
        return keys.jwks();
    }

    /** Algorithms of the published keys. */
    public List<KeyAlgorithm> algorithms() {
        return keys.algorithms();
    }

    /** Reads the table again: picks up keys another replica created and the moment a pending key starts to sign. */
    @Scheduled(every = "${latchkey.keys.reload-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reload() {
        return Panache.withSession(repository::published).invoke(stored -> {
            try {
                KeySet next = load(stored);
                KeySet previous = keys;
                keys = next;
                if (previous != null && !previous.active().kid().equals(next.active().kid())) {
                    LOG.infof("Now signing with key %s (%s)", next.active().kid(), next.active().algorithm());
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }).replaceWithVoid();
    }

    /**
     * Creates the next key when the active one is due (or uses another algorithm than configured), and deletes keys
     * retired longer ago than the longest JWT lifetime. One replica at a time, under the advisory lock.
     */
    @Scheduled(every = "${latchkey.keys.rotation-check-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rotate() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> repository.lockForCreation().flatMap(locked -> repository.published()).flatMap(stored -> {
            SigningKey active = stored.stream().filter(k -> !k.signsFrom.isAfter(now)).findFirst().orElse(null);
            boolean pending = stored.stream().anyMatch(k -> k.signsFrom.isAfter(now));
            Uni<Void> work = Uni.createFrom().voidItem();
            if (active != null && !pending) {
                boolean due = !active.createdAt.plus(config.keyRotationPeriod()).isAfter(now.plus(config.keyPublishAhead()));
                boolean otherAlgorithm = active.algorithm != config.signingAlgorithm();
                if (due || otherAlgorithm) {
                    Instant signsFrom = now.plus(config.keyPublishAhead());
                    active.retiredAt = signsFrom;
                    work = create(signsFrom).replaceWithVoid();
                }
            }
            Instant forgetBefore = now.minus(config.maxJwtLifetime());
            for (SigningKey key : stored) {
                if (key.retiredAt != null && key.retiredAt.isBefore(forgetBefore) && key != active) {
                    LOG.infof("Removing signing key %s: every JWT it signed has expired", key.kid);
                    work = work.chain(() -> repository.delete(key));
                }
            }
            return work;
        })).chain(this::reload);
    }

    private Uni<SigningKey> create(Instant signsFrom) {
        try {
            KeyAlgorithm algorithm = config.signingAlgorithm();
            KeyPair pair = algorithm.generate();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(algorithm.jwsName());
            SigningKey key = new SigningKey();
            key.kid = kid;
            key.algorithm = algorithm;
            key.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            key.privateKey = masterKey.encrypt(pair.getPrivate().getEncoded(), kid);
            key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            key.signsFrom = signsFrom.truncatedTo(ChronoUnit.MICROS);
            LOG.infof("Created signing key %s (%s), signing from %s", kid, algorithm, key.signsFrom);
            return repository.persist(key);
        } catch (GeneralSecurityException | JoseException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot create a signing key", e));
        }
    }

    private KeySet load(List<SigningKey> stored) throws GeneralSecurityException {
        Instant now = Instant.now();
        SigningKey active = stored.stream()
                .filter(k -> !k.signsFrom.isAfter(now))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no signing key is active"));
        PrivateKey privateKey = decrypted.get(active.kid);
        if (privateKey == null) {
            try {
                privateKey = active.algorithm.privateKey(masterKey.decrypt(active.privateKey, active.kid));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot decrypt signing key " + active.kid + " with "
                        + MasterKey.CURRENT + " or " + MasterKey.PREVIOUS + ": is one of them the key it was created with?", e);
            }
            decrypted.put(active.kid, privateKey);
        }
        List<KeyAlgorithm> algorithms = new ArrayList<>();
        stored.forEach(k -> {
            if (!algorithms.contains(k.algorithm)) {
                algorithms.add(k.algorithm);
            }
        });
        String jwks = stored.stream().map(k -> k.publicJwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        return new KeySet(new ActiveKey(active.kid, active.algorithm, privateKey), jwks, List.copyOf(algorithms), stored.size());
    }
}
