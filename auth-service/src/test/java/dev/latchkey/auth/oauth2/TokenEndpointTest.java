package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.common.testing.LogCapture;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class TokenEndpointTest {

    /** Metrics live on the management interface, not the public port. */
    // The management interface's root is /q already.
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metricsUrl;

    static final String ISSUER = "http://127.0.0.1:8083";

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    /** Verifies with jose4j against the service's own JWKS, fetched over HTTP: signature, iss, aud, exp. */
    JwtClaims verify(String jwt) throws InvalidJwtException {
        return verify(jwksUrl, jwt);
    }

    static JwtClaims verify(URL jwksUrl, String jwt) throws InvalidJwtException {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUrl.toString())))
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("latchkey")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .build();
        return consumer.processToClaims(jwt);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
    }

    @Test
    void clientSecretBasicGetsAVerifiableJwt() throws Exception {
        String jwt = given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("refresh_token", nullValue())
                .extract().path("access_token");

        JwtClaims claims = verify(jwt);
        assertEquals(TokenServiceStub.CLIENT_ID, claims.getSubject());
        assertEquals("vendor", claims.getStringClaimValue("token_type"));
        assertEquals(TokenServiceStub.TOKEN_ID, claims.getStringClaimValue("token_id"));
        assertEquals(List.of("*"), claims.getStringListClaimValue("permissions"));
        assertFalse(claims.hasClaim("tenant_id"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertFalse(claims.hasClaim("nbf"), "nbf would only repeat iat");
        assertEquals(TokenServiceStub.CLIENT_ID, claims.getStringClaimValue("client_id"));
        assertFalse(claims.hasClaim("scope"), "no scope was asked for: the JWT carries everything held");
        assertEquals("at+jwt", header(jwt, "typ"), "an RFC 9068 access token");
    }

    static String header(String jwt, String name) throws Exception {
        return org.jose4j.jwx.JsonWebStructure.fromCompactSerialization(jwt).getHeader(name);
    }

    @Test
    void clientSecretPostGetsAJwtWithAFreshJti() throws Exception {
        String first = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", TokenServiceStub.CLIENT_ID).formParam("client_secret", TokenServiceStub.SECRET)
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String second = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", TokenServiceStub.CLIENT_ID).formParam("client_secret", TokenServiceStub.SECRET)
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
        assertFalse(verify(first).getJwtId().equals(verify(second).getJwtId()));
    }

    @Test
    void wrongSecretWithBasicIsInvalidClientWithAChallenge() {
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, SecretFormat.generate(SecretKind.CLIENT_SECRET)))
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", containsString("Basic"))
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"))
                .body("error_description", notNullValue());
    }

    @Test
    void wrongSecretWithPostIsInvalidClient() {
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", TokenServiceStub.CLIENT_ID).formParam("client_secret", "lk_cs_wrong")
                .when().post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void noClientAuthenticationIsInvalidClient() {
        given().formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().header("Authorization", "Bearer something").formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().header("Authorization", "Basic !!!").formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void missingOrRepeatedParametersAreInvalidRequest() {
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("scope", "x")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "client_credentials", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "client_credentials")
                .formParam("client_secret", TokenServiceStub.SECRET)
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "password")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void secretsNeverReachTheLog() {
        String wrong = SecretFormat.generate(SecretKind.CLIENT_SECRET);
        try (LogCapture log = LogCapture.install()) {
            given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                    .formParam("grant_type", "client_credentials").when().post("/oauth/token").then().statusCode(200);
            given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, wrong))
                    .formParam("grant_type", "client_credentials").when().post("/oauth/token").then().statusCode(401);
            assertFalse(log.text().contains(TokenServiceStub.SECRET), log.text());
            assertFalse(log.text().contains(wrong), log.text());
        }
    }

    @Test
    void exchangesAreCountedByGrantAndOutcomeWithALatencyHistogram() {
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "client_credentials").when().post("/oauth/token").then().statusCode(200);
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, SecretFormat.generate(SecretKind.CLIENT_SECRET)))
                .formParam("grant_type", "client_credentials").when().post("/oauth/token").then().statusCode(401);
        String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();
        assertEquals(404, given().get("/q/metrics").statusCode(), "metrics are not on the public port");
        assertTrue(metrics.contains("latchkey_exchange_seconds_count{grant=\"client_credentials\",outcome=\"issued\"}"), metrics);
        assertTrue(metrics.contains("latchkey_exchange_seconds_count{grant=\"client_credentials\",outcome=\"invalid_client\"}"));
        assertTrue(metrics.contains("latchkey_exchange_seconds_bucket{grant=\"client_credentials\""), "latency histogram");
        assertTrue(metrics.contains("cache_gets_total{cache=\"credentials\""), "credential cache hits and misses");
        assertTrue(metrics.contains("latchkey_feed_lag{feed=\"token-service\"}"), "feed lag");
    }

    @Test
    void theCredentialCheckCarriesTheServiceCredential() {
        int before = TokenServiceStub.UNAUTHENTICATED_CALLS.get();
        given().header("Authorization", basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET))
                .formParam("grant_type", "client_credentials").when().post("/oauth/token").then().statusCode(200);
        assertEquals(before, TokenServiceStub.UNAUTHENTICATED_CALLS.get());
    }
}
