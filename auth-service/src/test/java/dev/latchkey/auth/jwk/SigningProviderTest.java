package dev.latchkey.auth.jwk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.KeyPair;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/** Every provider we may sign with yields JWS signatures an independent verifier (jose4j on the JDK) accepts. */
class SigningProviderTest {

    static List<Provider> providers() {
        List<Provider> list = new ArrayList<>();
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            list.add(AmazonCorrettoCryptoProvider.INSTANCE);
        }
        list.add(new BouncyCastleProvider());
        return list;
    }

    @Test
    void es256SignaturesAreRawRAndSOfSixtyFourBytesAndVerify() throws Exception {
        KeyPair pair = KeyAlgorithm.ES256.generate();
        List<String> tried = new ArrayList<>();
        for (Provider provider : providers()) {
            java.security.Security.addProvider(provider);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload("{\"sub\":\"x\"}");
            jws.setKey(pair.getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            ProviderContext context = new ProviderContext();
            context.getSuppliedKeyProviderContext().setSignatureProvider(provider.getName());
            jws.setProviderContext(context);
            String compact = jws.getCompactSerialization();
            byte[] signature = Base64.getUrlDecoder().decode(compact.split("\\.")[2]);
            assertEquals(64, signature.length, provider.getName() + " must give r||s");

            JsonWebSignature verify = new JsonWebSignature();
            verify.setCompactSerialization(compact);
            verify.setKey(pair.getPublic());
            assertEquals(true, verify.verifySignature(), provider.getName());
            tried.add(provider.getName());
        }
        System.out.println("ES256 verified for providers " + tried + " and the JDK's");
        assertNotNull(new SigningProvider().providerFor(KeyAlgorithm.ES256));
    }

    @Test
    void rs256AndEdDsaVerifyToo() throws Exception {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RS256, KeyAlgorithm.EdDSA)) {
            KeyPair pair = algorithm.generate();
            SigningProvider chooser = new SigningProvider();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload("{\"sub\":\"x\"}");
            jws.setKey(pair.getPrivate());
            jws.setAlgorithmHeaderValue(algorithm.jwsName());
            if (chooser.providerFor(algorithm) != null) {
                ProviderContext context = new ProviderContext();
                context.getSuppliedKeyProviderContext().setSignatureProvider(chooser.providerFor(algorithm));
                jws.setProviderContext(context);
            }
            JsonWebSignature verify = new JsonWebSignature();
            verify.setCompactSerialization(jws.getCompactSerialization());
            verify.setKey(pair.getPublic());
            assertEquals(true, verify.verifySignature(), algorithm + " with " + chooser.providerFor(algorithm));
        }
    }
}
