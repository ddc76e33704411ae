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
 * Raw ES256 JWS signing rate, the way auth-service signs (jose4j, a typical claim set), per provider, 2 threads.
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
            report("AmazonCorrettoCryptoProvider", pair, seconds);
        }
        report(null, pair, seconds);
    }

    static void report(String provider, KeyPair pair, double seconds) throws Exception {
        sign(provider, pair, 0.5);
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        signOnce(provider, pair);
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
        System.out.printf("raw-signing %-30s %10.0f signatures/s (2 threads, %s)%n",
                provider == null ? "JDK (" + System.getProperty("java.version") + ")" : provider, done.sum() / seconds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    static void sign(String provider, KeyPair pair, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            signOnce(provider, pair);
        }
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
