package dev.latchkey.rbac.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.problem.BearerChallenge;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.LateJwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * Start-up order: while auth-service's JWKS cannot be fetched, a bearer JWT cannot be checked, which is our fault,
 * not the caller's: 503 with Retry-After, not 401. Once the JWKS answers, the same JWT is accepted, and a forged, an
 * expired or an unknown-kid JWT is 401 as always.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(LateJwksStub.class)
class JwksOutageTest {

    @Test
    void aTokenThatCannotBeCheckedYetIs503ThenAcceptedOnceTheKeysAreThere() {
        String token = JwksStub.vendorToken();
        LateJwksStub.close();
        try {
            long start = System.nanoTime();
            given().auth().oauth2(token).get("/tenants").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", equalTo("1"))
                    .body("type", equalTo("urn:latchkey:problem:dependency-unavailable"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[outage] JWKS unreachable: 503 in " + millis + " ms");
            assertTrue(millis < 3000, "answered in " + millis + " ms");
            given().auth().oauth2(token).get("/tenants").then().statusCode(503);
            // no token at all needs no key: still 401
            given().get("/tenants").then().statusCode(401).header("WWW-Authenticate", equalTo(BearerChallenge.NONE_SENT));

            LateJwksStub.serve();
            given().auth().oauth2(token).get("/tenants").then().statusCode(200);
            JwtClaims expired = JwksStub.vendorClaims();
            expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
            expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 1800));
            for (String refused : new String[] {JwksStub.forge(JwksStub.vendorClaims()), JwksStub.sign(expired),
                    JwksStub.signWithUnknownKey(JwksStub.vendorClaims())}) {
                given().auth().oauth2(refused).get("/tenants").then().statusCode(401)
                        .header("WWW-Authenticate", equalTo(BearerChallenge.INVALID_TOKEN));
            }

            // keys once fetched are kept: auth-service going away later does not refuse known tokens
            LateJwksStub.close();
            given().auth().oauth2(JwksStub.vendorToken()).get("/tenants").then().statusCode(200);
        } finally {
            LateJwksStub.close();
        }
    }
}
