package dev.latchkey.auth.jwt;

import dev.latchkey.auth.jwk.KeyAlgorithm;
import dev.latchkey.auth.jwk.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;

/**
 * Signs JWS compact serializations (RFC 7515 section 7.1) with one key, as cheaply as the provider allows: the
 * protected header is encoded once, the private key is translated into the provider's own form once, and each thread
 * keeps a {@link Signature} initialised with it (after {@code sign()} a Signature is ready to sign again with the same
 * key). Through jose4j every JWT paid for a provider lookup, a fresh Signature and, with a native provider, the
 * translation of a JDK key into a native one: ~5x the cost of the signature itself (docs/performance.md).
 */
final class CompactSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys.ActiveKey key;
    private final String encodedHeaderAndDot;
    private final ThreadLocal<Signature> signatures;

    CompactSigner(SigningKeys.ActiveKey key, String type, String provider) {
        this.key = key;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().jwsName());
        header.put("kid", key.kid());
        header.put("typ", type);
        this.encodedHeaderAndDot = encode(JsonUtil.toJson(header)) + ".";
        PrivateKey signingKey = translated(key.privateKey(), key.algorithm(), provider);
        String algorithm = key.algorithm().signatureAlgorithm();
        this.signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = provider == null ? Signature.getInstance(algorithm)
                        : Signature.getInstance(algorithm, provider);
                signature.initSign(signingKey);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with key " + key.kid(), e);
            }
        });
    }

    SigningKeys.ActiveKey key() {
        return key;
    }

    /** The compact serialization of a JWS over {@code payloadJson} with this signer's header and key. */
    String sign(String payloadJson) {
        String signingInput = encodedHeaderAndDot + encode(payloadJson);
        try {
            Signature signature = signatures.get();
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] signed = signature.sign();
            if (key.algorithm() == KeyAlgorithm.ES256) {
                // JCA's ECDSA gives DER; JWS wants R and S concatenated, 32 bytes each (RFC 7518 section 3.4)
                signed = EcdsaUsingShaAlgorithm.convertDerToConcatenated(signed, 64);
            }
            return signingInput + "." + BASE64URL.encodeToString(signed);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("signing with key " + key.kid() + " failed", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The key in the provider's own form, so that it is not translated at every signature; else the key as it is. */
    private static PrivateKey translated(PrivateKey privateKey, KeyAlgorithm algorithm, String provider) {
        if (provider == null) {
            return privateKey;
        }
        try {
            Key translated = KeyFactory.getInstance(algorithm.keyFactoryAlgorithm(), provider).translateKey(privateKey);
            return translated instanceof PrivateKey p ? p : privateKey;
        } catch (GeneralSecurityException e) {
            return privateKey;
        }
    }
}
