package dev.latchkey.system.verifiers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWTs an attacker can make from a genuine one, which every verifier must refuse: claims changed under the
 * original signature, the same header and claims signed with another key (same {@code kid}), {@code alg: none}, and
 * HS256 keyed with the issuer's public key (algorithm confusion).
 */
public final class ForgedJwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private ForgedJwts() {
    }

    /** Every forgery of {@code jwt}, by name; {@code publicJwk} is the JSON of the key that signed it. */
    public static Map<String, String> of(String jwt, String publicJwk) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("tampered", tampered(jwt));
        forged.put("other-key", signedWithAnotherKey(jwt));
        forged.put("alg-none", unsigned(jwt));
        forged.put("hs256-public-key", hmacWithPublicKey(jwt, publicJwk));
        return forged;
    }

    /** Another tenant in the claims, the original signature kept. */
    public static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        ObjectNode claims = json(parts[1]);
        claims.put("tenant_id", UUID.randomUUID().toString());
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    /** The same header ({@code kid}, {@code alg}) and claims, signed ES256 with a fresh P-256 key. */
    public static String signedWithAnotherKey(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(pair.getPrivate());
            es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + parts[1] + "." + B64.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none} and no signature. */
    public static String unsigned(String jwt) {
        String[] parts = jwt.split("\\.");
        ObjectNode header = json(parts[0]);
        header.put("alg", "none");
        return encode(header) + "." + parts[1] + ".";
    }

    /** {@code alg: HS256}, the MAC keyed with the bytes of the issuer's public JWK, as a confused verifier would. */
    public static String hmacWithPublicKey(String jwt, String publicJwk) {
        String[] parts = jwt.split("\\.");
        ObjectNode header = json(parts[0]);
        header.put("alg", "HS256");
        String input = encode(header) + "." + parts[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicJwk.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded header ({@code 0}) or claims ({@code 1}) of a JWT. */
    public static ObjectNode part(String jwt, int index) {
        return json(jwt.split("\\.")[index]);
    }

    private static ObjectNode json(String part) {
        try {
            return (ObjectNode) JSON.readTree(B64D.decode(part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
