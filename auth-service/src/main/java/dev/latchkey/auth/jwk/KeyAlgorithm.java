package dev.latchkey.auth.jwk;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;

/** The JWS algorithms a signing key may use (ADR 0003: ES256 by default). */
public enum KeyAlgorithm {
    ES256(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "EC", "SHA256withECDSA"),
    RS256(AlgorithmIdentifiers.RSA_USING_SHA256, "RSA", "SHA256withRSA"),
    EdDSA(AlgorithmIdentifiers.EDDSA, "Ed25519", "Ed25519");

    private final String jwsName;
    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jwsName, String jcaName, String signatureAlgorithm) {
        this.jwsName = jwsName;
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA {@code Signature} algorithm that signs with such a key (ECDSA in DER, as every provider offers it). */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JCA {@code KeyFactory} and {@code KeyPairGenerator} algorithm. */
    public String keyFactoryAlgorithm() {
        return jcaName;
    }

    /** The {@code alg} header value. */
    public String jwsName() {
        return jwsName;
    }

    public KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
        switch (this) {
            case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            case RS256 -> generator.initialize(2048);
            case EdDSA -> {
            }
        }
        return generator.generateKeyPair();
    }

    public PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(jcaName).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }
}
