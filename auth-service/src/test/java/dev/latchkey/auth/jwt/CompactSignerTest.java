package dev.latchkey.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.latchkey.auth.jwk.KeyAlgorithm;
import dev.latchkey.auth.jwk.SigningKeys;
import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;

/**
 * Whatever the algorithm, provider and claims, and from several threads at once (each keeps its own Signature), a JWT
 * signed by {@link CompactSigner} is one that jose4j on the JDK's own provider, an independent implementation, verifies
 * with the public key, with the header and the payload exactly as given.
 */
class CompactSignerTest {

    private static final String JDK = "the JDK's";
    private static final Map<KeyAlgorithm, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final List<String> PROVIDERS = new ArrayList<>();
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(3);

    static {
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            Security.addProvider(AmazonCorrettoCryptoProvider.INSTANCE);
            PROVIDERS.add(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        }
        Security.addProvider(new BouncyCastleProvider());
        PROVIDERS.add(BouncyCastleProvider.PROVIDER_NAME);
        PROVIDERS.add(JDK);
    }

    @AfterContainer
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @Provide
    Arbitrary<String> providers() {
        return Arbitraries.of(PROVIDERS);
    }

    @Provide
    Arbitrary<Map<String, Object>> claims() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.strings().alpha().ofMaxLength(12).list().ofMaxSize(5).map(l -> (Object) l));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), value).ofMaxSize(12);
    }

    @Property(tries = 300)
    void everySignatureVerifiesIndependently(@ForAll KeyAlgorithm algorithm, @ForAll("providers") String provider,
            @ForAll("claims") Map<String, Object> claims) throws Exception {
        KeyPair pair = KEYS.computeIfAbsent(algorithm, CompactSignerTest::generate);
        SigningKeys.ActiveKey key = new SigningKeys.ActiveKey("kid-" + algorithm, algorithm, pair.getPrivate());
        CompactSigner signer = new CompactSigner(key, "at+jwt", providerFor(algorithm, provider));
        String payload = JsonUtil.toJson(claims);

        List<Future<String>> signed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            signed.add(THREADS.submit(() -> signer.sign(payload)));
        }
        for (Future<String> each : signed) {
            String compact = each.get();
            JsonWebSignature verifier = new JsonWebSignature();
            verifier.setCompactSerialization(compact);
            verifier.setKey(pair.getPublic());
            assertTrue(verifier.verifySignature(), algorithm + " with " + provider);
            assertEquals(algorithm.jwsName(), verifier.getAlgorithmHeaderValue());
            assertEquals(key.kid(), verifier.getKeyIdHeaderValue());
            assertEquals("at+jwt", verifier.getHeader("typ"));
            assertEquals(payload, verifier.getPayload());
            if (algorithm == KeyAlgorithm.ES256) {
                assertEquals(64, Base64.getUrlDecoder().decode(compact.split("\\.")[2]).length, "R and S, 32 bytes each");
            }
        }
    }

    /** As SigningProvider chooses: a provider that cannot sign with the algorithm is not used for it. */
    private static String providerFor(KeyAlgorithm algorithm, String provider) {
        if (JDK.equals(provider)) {
            return null;
        }
        try {
            Signature.getInstance(algorithm.signatureAlgorithm(), provider);
            return provider;
        } catch (Exception e) {
            return null;
        }
    }

    private static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            return algorithm.generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
