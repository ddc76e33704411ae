package dev.latchkey.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.UncheckedIOException;
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
 * Stands in for a vendor's identity provider with three realms, each an issuer with its own key, discovery document
 * and JWKS over real HTTP, so quarkus-oidc discovers and verifies exactly as against Keycloak:
 * <ul>
 * <li>{@code corp}: configured as provider {@code corp}; the tenant claim {@code tenant_id} holds Latchkey's id;</li>
 * <li>{@code ext}: configured as provider {@code ext}; the tenant claim {@value #EXT_TENANT_CLAIM} (a namespaced URL,
 * as Auth0 wants) holds the tenant's external id; users join just in time with the built-in role {@code Member};</li>
 * <li>{@code stranger}: a working issuer that no configuration names.</li>
 * </ul>
 * The system tests check the same rules against a real Keycloak (IdentityProviderIT).
 */
public class IdentityProviderStub implements QuarkusTestResourceLifecycleManager {

    public static final String EXT_TENANT_CLAIM = "https://vendor.example/tenant";
    private static final Map<String, EllipticCurveJsonWebKey> KEYS = Map.of("corp", newKey(), "ext", newKey(),
            "stranger", newKey());
    private static String base;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        KEYS.forEach((realm, key) -> {
            String issuer = issuer(realm);
            String discovery = "{\"issuer\": \"" + issuer + "\", \"jwks_uri\": \"" + issuer + "/certs\", "
                    + "\"token_endpoint\": \"" + issuer + "/token\", \"authorization_endpoint\": \"" + issuer + "/auth\"}";
            String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            server.createContext("/realms/" + realm + "/.well-known/openid-configuration",
                    exchange -> StubServer.respond(exchange, 200, discovery));
            server.createContext("/realms/" + realm + "/certs", exchange -> StubServer.respond(exchange, 200, jwks));
        });
        server.start();
        return Map.of(
                "latchkey.idp.corp.issuer", issuer("corp"),
                "latchkey.idp.ext.issuer", issuer("ext"),
                "latchkey.idp.ext.tenant-claim", EXT_TENANT_CLAIM,
                "latchkey.idp.ext.tenant-key", "external-id",
                "latchkey.idp.ext.user-claim", "email",
                "latchkey.idp.ext.jit-membership", "true",
                "latchkey.idp.ext.jit-roles", "Member");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    /** An access token of the realm as an IdP issues it: for Latchkey, five minutes, naming the user and tenant. */
    public static JwtClaims claims(String realm, String user, String tenant) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer(realm));
        claims.setSubject(user);
        claims.setAudience("account", "latchkey");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("azp", "latchkey-portal");
        if ("ext".equals(realm)) {
            claims.setClaim("email", user);
            claims.setClaim(EXT_TENANT_CLAIM, tenant);
        } else {
            claims.setClaim("tenant_id", tenant);
        }
        return claims;
    }

    public static String token(String realm, String user, String tenant) {
        return sign(realm, claims(realm, user, tenant));
    }

    public static String sign(String realm, JwtClaims claims) {
        EllipticCurveJsonWebKey key = KEYS.get(realm);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey newKey() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(UUID.randomUUID().toString());
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
