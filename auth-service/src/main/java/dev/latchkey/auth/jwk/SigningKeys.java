package dev.latchkey.auth.jwk;

import dev.latchkey.auth.config.AuthConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys in memory: the active one (signs) and every published one (the JWKS). Loaded from PostgreSQL at
 * start; the first replica to start on an empty database creates the first key, under an advisory lock so that
 * all replicas end up with the same one.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;
    private final MasterKey masterKey;
    private final AuthConfig config;
    private volatile KeySet keys;

    SigningKeys(SigningKeyRepository repository, MasterKey masterKey, AuthConfig config) {
        this.repository = repository;
        this.masterKey = masterKey;
        this.config = config;
    }

    /** A decrypted key ready to sign. */
    public record ActiveKey(String kid, KeyAlgorithm algorithm, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "ActiveKey[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }

    private record KeySet(ActiveKey active, String jwks, List<KeyAlgorithm> algorithms) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        List<SigningKey> stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository
                .lockForCreation()
                .flatMap(locked -> repository.published())
                .flatMap(existing -> existing.isEmpty() ? create().map(List::of) : Uni.createFrom().item(existing))));
        keys = load(stored);
        LOG.infof("Signing with key %s (%s); %d key(s) published", keys.active().kid(), keys.active().algorithm(),
                stored.size());
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

    private Uni<SigningKey> create() {
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
            // The first key: no token exists yet that a verifier could lack a key for, so it signs at once.
            key.signsFrom = key.createdAt;
            LOG.infof("Created signing key %s (%s)", kid, algorithm);
            return repository.persist(key);
        } catch (GeneralSecurityException | JoseException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot create a signing key", e));
        }
    }

    private KeySet load(List<SigningKey> stored) throws GeneralSecurityException {
        Instant now = Instant.now();
        SigningKey active = stored.stream()
                .filter(k -> k.retiredAt == null && !k.signsFrom.isAfter(now))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no signing key is active"));
        PrivateKey privateKey;
        try {
            privateKey = active.algorithm.privateKey(masterKey.decrypt(active.privateKey, active.kid));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + active.kid
                    + ": is latchkey.auth.master-key the one it was created with?", e);
        }
        List<KeyAlgorithm> algorithms = new ArrayList<>();
        stored.forEach(k -> {
            if (!algorithms.contains(k.algorithm)) {
                algorithms.add(k.algorithm);
            }
        });
        String jwks = stored.stream().map(k -> k.publicJwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        return new KeySet(new ActiveKey(active.kid, active.algorithm, privateKey), jwks, List.copyOf(algorithms));
    }
}
