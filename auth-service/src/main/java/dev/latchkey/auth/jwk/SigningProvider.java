package dev.latchkey.auth.jwk;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;

/**
 * Which JCA provider signs each algorithm: the fastest that loads here (ADR 0009). Amazon Corretto Crypto Provider
 * (AWS-LC, native, ~40x the JDK's ECDSA on these machines) where its native library loads; else BouncyCastle
 * (pure Java, ~6x); else the JDK's own. Providers are appended to the JCA list, so they never change what the rest
 * of the JVM gets by default; the signer asks for them by name.
 */
// Chosen at start-up, so the log says which provider signs before the first request.
@Startup
@Singleton
public class SigningProvider {

    private static final Logger LOG = Logger.getLogger(SigningProvider.class);
    private final Map<KeyAlgorithm, String> chosen = new EnumMap<>(KeyAlgorithm.class);

    public SigningProvider() {
        Provider corretto = corretto();
        // BouncyCastle only when AWS-LC leaves an algorithm uncovered: building it registers every algorithm it has
        // by reflection, ~0.4 s of a start's main thread here.
        Provider bouncyCastle = null;
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            String jcaName = algorithm.signatureAlgorithm();
            String name;
            if (corretto != null && supports(corretto, jcaName)) {
                name = corretto.getName();
            } else {
                bouncyCastle = bouncyCastle == null ? bouncyCastle() : bouncyCastle;
                name = bouncyCastle != null && supports(bouncyCastle, jcaName) ? bouncyCastle.getName() : null;
            }
            chosen.put(algorithm, name);
            LOG.infof("%s signatures: %s", algorithm, name == null ? "the JDK's provider" : name);
        }
    }

    /** The name of the provider that signs with this algorithm, or null for the JDK default. */
    public String providerFor(KeyAlgorithm algorithm) {
        return chosen.get(algorithm);
    }

    private static Provider corretto() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                LOG.infof("Amazon Corretto Crypto Provider does not load here: %s", accp.getLoadingError().getMessage());
                return null;
            }
            accp.assertHealthy();
            return register(accp);
        } catch (Throwable e) {
            LOG.infof("Amazon Corretto Crypto Provider does not load here: %s", e.toString());
            return null;
        }
    }

    private static Provider bouncyCastle() {
        try {
            return register(new BouncyCastleProvider());
        } catch (Throwable e) {
            LOG.infof("BouncyCastle does not load here: %s", e.toString());
            return null;
        }
    }

    private static Provider register(Provider provider) {
        Provider existing = Security.getProvider(provider.getName());
        if (existing != null) {
            return existing;
        }
        Security.addProvider(provider);
        return provider;
    }

    private static boolean supports(Provider provider, String jcaName) {
        try {
            Signature.getInstance(jcaName, provider);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
