package dev.latchkey.auth.jwk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Rotation in seconds instead of days: published before it signs, the old key kept while its tokens live. */
@QuarkusTest
@TestProfile(KeyRotationTest.FastRotation.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class KeyRotationTest {

    public static class FastRotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.auth.key-rotation-period", "PT4S", "latchkey.auth.key-publish-ahead", "PT2S",
                    "latchkey.auth.max-jwt-lifetime", "PT3S", "latchkey.keys.rotation-check-every", "1s",
                    "latchkey.keys.reload-every", "1s");
        }
    }

    static String jwt() {
        return given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200)
                .extract().path("access_token");
    }

    static String kid(String jwt) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))).getString("kid");
    }

    static List<String> published() {
        return given().get("/.well-known/jwks.json").then().extract().jsonPath().getList("keys.kid", String.class);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aNewKeyIsPublishedBeforeItSignsAndTheOldOneStaysWhileItsTokensLive() throws Exception {
        String before = jwt();
        String oldKid = kid(before);
        await("a second key is published", () -> published().size() == 2);
        // published, but not signing yet: verifiers get it before any token needs it
        String newKid = published().stream().filter(k -> !k.equals(oldKid)).findFirst().orElseThrow();
        assertEquals(oldKid, kid(jwt()));

        await("the new key signs", () -> kid(jwt()).equals(newKid));
        String after = jwt();
        assertNotEquals(kid(before), kid(after));
        // the token signed before the rotation still verifies against what is published
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setSkipDefaultAudienceValidation().setRequireExpirationTime().build().processToClaims(before);
        assertTrue(published().contains(oldKid));

        await("the old key is withdrawn once its tokens could have expired", () -> !published().contains(oldKid));
    }
}
