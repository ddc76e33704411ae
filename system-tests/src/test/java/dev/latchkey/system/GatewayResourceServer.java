package dev.latchkey.system;

import static io.restassured.RestAssured.given;

import dev.latchkey.system.verifiers.ClaimsEcho;
import dev.latchkey.system.verifiers.Gateway;
import dev.latchkey.system.verifiers.TestCa;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The vendor's API behind a real gateway: Apache httpd with mod_auth_openidc verifying JWTs locally against
 * auth-service's JWKS (over the gateway's TLS front, which is the issuer), in front of {@link ClaimsEcho}. What the
 * backend saw is what mod_auth_openidc passed on as {@code OIDC_CLAIM_*} headers.
 */
final class GatewayResourceServer implements ResourceServer, AutoCloseable {

    static final String PATH = "/api/orders";

    private final Gateway gateway;
    private final ClaimsEcho backend;

    private GatewayResourceServer(Gateway gateway, ClaimsEcho backend) {
        this.gateway = gateway;
        this.backend = backend;
    }

    /**
     * @param authService auth-service's plain-http address, behind the TLS front
     * @param introspector the gateway's own client-credentials token (oauth.introspect)
     */
    static GatewayResourceServer start(Path dir, Gateway.Ports ports, String authService, String clientId,
            String clientSecret) throws IOException, InterruptedException {
        ClaimsEcho backend = ClaimsEcho.start(ports.backend());
        try {
            TestCa ca = TestCa.create(dir.resolve("tls"));
            return new GatewayResourceServer(
                    Gateway.start(dir, ports, ca, authService, backend.url(), "latchkey", clientId, clientSecret), backend);
        } catch (IOException | InterruptedException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    @Override
    public Seen call(String jwt) {
        Response response = given().auth().oauth2(jwt).get(gateway.jwtUrl(PATH));
        if (response.statusCode() != 200) {
            throw new AssertionError("the gateway refused the JWT: " + response.statusCode() + " "
                    + response.header("WWW-Authenticate"));
        }
        Map<String, String> claims = response.jsonPath().getMap("headers");
        return new Seen(claims.get("oidc_claim_sub"), claims.get("oidc_claim_tenant_id"),
                claims.get("oidc_claim_token_type"), list(claims.get("oidc_claim_roles")),
                list(claims.get("oidc_claim_permissions")));
    }

    @Override
    public boolean refuses(String jwt) {
        return given().auth().oauth2(jwt).get(gateway.jwtUrl(PATH)).statusCode() == 401;
    }

    /** mod_auth_openidc joins an array claim with commas. */
    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }
}
