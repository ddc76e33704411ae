package dev.latchkey.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Stands in for auth-service: serves a real JWKS over HTTP and signs real ES256 JWTs with its private half,
 * so a service's verification runs exactly as in production.
 */
public class JwksStub implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE = "latchkey";
    private static final EllipticCurveJsonWebKey KEY = newKey("stub-key");
    private static final EllipticCurveJsonWebKey FORGER = newKey("stub-key");
    private static final EllipticCurveJsonWebKey STRANGER = newKey("unknown-key");
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = serve(0);
        issuer = StubServer.url(server);
        return Map.of("latchkey.auth.url", issuer);
    }

    /** Serves the JWKS on {@code port} (0 for a free one). */
    static HttpServer serve(int port) {
        String jwks = new JsonWebKeySet(KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return StubServer.start(port, "/.well-known/jwks.json", exchange -> StubServer.respond(exchange, 200, jwks));
    }

    /** The issuer (and JWKS base URL) the signed tokens name, for a stub that serves elsewhere or later. */
    static void issuer(String url) {
        issuer = url;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Claims of a vendor token as auth-service issues them, valid for five minutes. */
    public static JwtClaims vendorClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("lk_ci_vendorVendorVendor0000");
        claims.setAudience(AUDIENCE);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("token_type", "vendor");
        claims.setClaim("token_id", UUID.randomUUID().toString());
        claims.setStringListClaim("permissions", "*");
        return claims;
    }

    /** A personal token (or user session) of {@code userId} in the tenant, carrying these role keys. */
    public static String personalToken(String tenantId, String userId, String... roleKeys) {
        return personalToken(tenantId, userId, List.of(roleKeys), dev.latchkey.common.access.Permission.BUILT_IN);
    }

    /** A personal token with role keys and the (expanded) permissions auth-service would have put in it. */
    public static String personalToken(String tenantId, String userId, List<String> roleKeys,
            List<String> permissions) {
        JwtClaims claims = vendorClaims();
        claims.setSubject(userId);
        claims.setClaim("token_type", "personal");
        claims.setClaim("tenant_id", tenantId);
        claims.setClaim("user_id", userId);
        claims.setStringListClaim("roles", roleKeys);
        claims.setStringListClaim("permissions", permissions);
        return sign(claims);
    }

    /** A session the vendor made for its user (token exchange): the user's roles, acting for the vendor. */
    public static String userSession(String tenantId, String userId, List<String> roleKeys, List<String> permissions) {
        JwtClaims claims = vendorClaims();
        claims.setSubject(userId);
        claims.setClaim("token_type", "user");
        claims.setClaim("tenant_id", tenantId);
        claims.setClaim("user_id", userId);
        claims.setClaim("act", java.util.Map.of("sub", "lk_ci_vendorVendorVendor0000"));
        claims.setStringListClaim("roles", roleKeys);
        claims.setStringListClaim("permissions", permissions);
        return sign(claims);
    }

    /** A tenant token with these role keys and (expanded) permissions. */
    public static String tenantToken(String tenantId, List<String> roleKeys, List<String> permissions) {
        JwtClaims claims = vendorClaims();
        claims.setSubject("lk_ci_tenantTokenTenantToken0");
        claims.setClaim("token_type", "tenant");
        claims.setClaim("tenant_id", tenantId);
        claims.setStringListClaim("roles", roleKeys);
        claims.setStringListClaim("permissions", permissions);
        return sign(claims);
    }

    public static String vendorToken() {
        return sign(vendorClaims());
    }

    public static String sign(JwtClaims claims) {
        return sign(claims, KEY);
    }

    /** Signed with a different key that claims the same kid. */
    public static String forge(JwtClaims claims) {
        return sign(claims, FORGER);
    }

    /** Signed with a key whose kid the JWKS does not hold. */
    public static String signWithUnknownKey(JwtClaims claims) {
        return sign(claims, STRANGER);
    }

    private static String sign(JwtClaims claims, EllipticCurveJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "at+jwt"); // as auth-service signs them (RFC 9068)
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey newKey(String kid) {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
