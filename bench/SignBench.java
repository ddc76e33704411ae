import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.LongAdder;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/**
 * Raw ES256 JWS signing rate of a typical claim set, per provider, 2 threads: the way auth-service signs (its
 * CompactSigner: the key translated into the provider's form once, one initialised Signature per thread, jose4j's DER
 * conversion), and through jose4j's JsonWebSignature, as it signed before (a Signature and a key translation per JWT).
 * The ceiling the exchange is measured against. Run: java -cp "auth-service/target/quarkus-app/lib/main/*" bench/SignBench.java
 */
public class SignBench {

    static final String CLAIMS = "{\"iss\":\"http://127.0.0.1:8083\",\"sub\":\"lk_ci_3hQ9xw0kPZ7u1RmT5yVbNc\","
            + "\"aud\":\"latchkey\",\"iat\":1764350000,\"nbf\":1764350000,\"exp\":1764350300,"
            + "\"jti\":\"6f1c1d44-1111-4f3f-9a55-000000000000\",\"token_type\":\"tenant\","
            + "\"token_id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"tenant_id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca428\","
            + "\"roles\":[\"Member\"],\"permissions\":[\"audit.read\",\"roles.read\",\"settings.read\",\"tokens.personal.read\"]}";

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            Security.addProvider(AmazonCorrettoCryptoProvider.INSTANCE);
            report("AmazonCorrettoCryptoProvider", pair, seconds, true);
            report("AmazonCorrettoCryptoProvider", pair, seconds, false);
        }
        report(null, pair, seconds, true);
        report(null, pair, seconds, false);
    }

    static void report(String provider, KeyPair pair, double seconds, boolean direct) throws Exception {
        java.security.PrivateKey key = provider == null ? pair.getPrivate()
                : (java.security.PrivateKey) java.security.KeyFactory.getInstance("EC", provider).translateKey(pair.getPrivate());
        ThreadLocal<java.security.Signature> signatures = ThreadLocal.withInitial(() -> {
            try {
                java.security.Signature s = provider == null ? java.security.Signature.getInstance("SHA256withECDSA")
                        : java.security.Signature.getInstance("SHA256withECDSA", provider);
                s.initSign(key);
                return s;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"ES256\",\"kid\":\"kid\",\"typ\":\"at+jwt\"}".getBytes()) + ".";
        Op op = direct ? () -> directOnce(signatures, header) : () -> signOnce(provider, pair);
        for (long end = System.nanoTime() + 500_000_000L; System.nanoTime() < end;) {
            op.run();
        }
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        op.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    done.increment();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("raw-signing %-30s %-9s %10.0f signatures/s (2 threads, %s)%n",
                provider == null ? "JDK (" + System.getProperty("java.version") + ")" : provider,
                direct ? "direct" : "jose4j", done.sum() / seconds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    interface Op {
        Object run() throws Exception;
    }

    static String directOnce(ThreadLocal<java.security.Signature> signatures, String header) throws Exception {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = header + base64.encodeToString(CLAIMS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.security.Signature signature = signatures.get();
        signature.update(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] jws = org.jose4j.jws.EcdsaUsingShaAlgorithm.convertDerToConcatenated(signature.sign(), 64);
        return input + "." + base64.encodeToString(jws);
    }

    static String signOnce(String provider, KeyPair pair) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(CLAIMS);
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue("kid");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        if (provider != null) {
            ProviderContext context = new ProviderContext();
            context.getSuppliedKeyProviderContext().setSignatureProvider(provider);
            jws.setProviderContext(context);
        }
        return jws.getCompactSerialization();
    }
}
