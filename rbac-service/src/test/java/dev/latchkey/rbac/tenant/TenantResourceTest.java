package dev.latchkey.rbac.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.common.problem.BearerChallenge;
import dev.latchkey.common.testing.JwksStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
class TenantResourceTest {

    @Test
    void vendorCreatesTenantAndReadsItBack() {
        String location = given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON).body("{\"name\":\"Acme Corp\"}")
                .when().post("/tenants")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo("Acme Corp"))
                .body("createdBy", equalTo("lk_ci_vendorVendorVendor0000"))
                .header("Location", containsString("/tenants/"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme Corp"));

        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants?size=200")
                .then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void vendorRenamesReplacesMetadataAndDeletesForGood() {
        String id = given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"Old\",\"metadata\":{\"plan\":\"free\"}}")
                .post("/tenants").then().statusCode(201).body("metadata.plan", equalTo("free")).extract().path("id");
        given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"New\",\"metadata\":{\"plan\":\"pro\",\"seats\":12}}")
                .patch("/tenants/" + id).then().statusCode(200)
                .body("name", equalTo("New")).body("metadata.plan", equalTo("pro")).body("metadata.seats", equalTo(12));
        given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON)
                .body("{\"metadata\":{\"big\":\"" + "x".repeat(5000) + "\"}}")
                .patch("/tenants/" + id).then().statusCode(400).body("violations[0].field", equalTo("metadata"));
        given().auth().oauth2(JwksStub.vendorToken()).delete("/tenants/" + id).then().statusCode(204);
        given().auth().oauth2(JwksStub.vendorToken()).get("/tenants/" + id).then().statusCode(404);
        given().auth().oauth2(JwksStub.vendorToken()).delete("/tenants/" + id).then().statusCode(404);
    }

    @Test
    void aTenantsCallerReadsItsOwnTenantOnly() {
        String id = given().auth().oauth2(JwksStub.vendorToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"Mine\"}").post("/tenants").then().statusCode(201).extract().path("id");
        JwtClaims claims = JwksStub.vendorClaims();
        claims.setClaim("token_type", "tenant");
        claims.setClaim("tenant_id", id);
        given().auth().oauth2(JwksStub.sign(claims)).get("/tenants/" + id).then().statusCode(200).body("name", equalTo("Mine"));
        given().auth().oauth2(JwksStub.sign(claims)).contentType(ContentType.JSON).body("{\"name\":\"Hijack\"}")
                .patch("/tenants/" + id).then().statusCode(403);
        given().auth().oauth2(JwksStub.sign(claims)).delete("/tenants/" + id).then().statusCode(403);
    }

    @Test
    void missingTenantAnswers404Problem() {
        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants/6f1c1d44-1111-4f3f-9a55-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:not-found"));
        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void missingTokenIsRefused() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().post("/tenants")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(BearerChallenge.NONE_SENT))
                .body("status", equalTo(401));
    }

    @Test
    void forgedTokenIsRefused() {
        given().auth().oauth2(JwksStub.forge(JwksStub.vendorClaims()))
                .when().get("/tenants")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(BearerChallenge.INVALID_TOKEN));
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = JwksStub.vendorToken();
        String[] parts = token.split("\\.");
        JwtClaims claims = JwksStub.vendorClaims();
        claims.setSubject("someone-else");
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(parts[0] + "." + payload + "." + parts[2])
                .when().get("/tenants")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(BearerChallenge.INVALID_TOKEN));
    }

    @Test
    void expiredTokenIsRefused() {
        JwtClaims claims = JwksStub.vendorClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 1800));
        given().auth().oauth2(JwksStub.sign(claims))
                .when().get("/tenants")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(BearerChallenge.INVALID_TOKEN));
    }

    @Test
    void tokenOfAnotherIssuerOrAudienceIsRefused() {
        JwtClaims otherIssuer = JwksStub.vendorClaims();
        otherIssuer.setIssuer("https://evil.example");
        given().auth().oauth2(JwksStub.sign(otherIssuer)).when().get("/tenants").then().statusCode(401);

        JwtClaims otherAudience = JwksStub.vendorClaims();
        otherAudience.setAudience("another-api");
        given().auth().oauth2(JwksStub.sign(otherAudience)).when().get("/tenants").then().statusCode(401);
    }

    @Test
    void tenantTokenIsNotTheVendor() {
        JwtClaims claims = JwksStub.vendorClaims();
        claims.setClaim("token_type", "tenant");
        claims.setClaim("tenant_id", "6f1c1d44-1111-4f3f-9a55-000000000001");
        given().auth().oauth2(JwksStub.sign(claims))
                .when().get("/tenants")
                .then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(BearerChallenge.INSUFFICIENT_SCOPE))
                .body("type", equalTo("urn:latchkey:problem:forbidden"));
    }

    @Test
    void aVendorTokenNarrowedByScopeIsNotTheVendor() {
        JwtClaims claims = JwksStub.vendorClaims();
        claims.setStringListClaim("permissions", "tenants.read");
        given().auth().oauth2(JwksStub.sign(claims))
                .when().get("/tenants")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:malformed-json"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON).body("{\"name\": {\"a\": 1}}")
                .when().post("/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
    }

    @Test
    void unknownFieldIsRefusedByName() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON).body("{\"name\": \"Acme\", \"owner\": \"me\"}")
                .when().post("/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("owner"))
                .body("violations[0].message", equalTo("unknown field"));
    }

    @Test
    void blankNameAndBadPagingNameTheField() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON).body("{\"name\": \"  \"}")
                .when().post("/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:validation"))
                .body("violations[0].field", equalTo("name"));
        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants?size=0")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("size"));
        given().auth().oauth2(JwksStub.vendorToken())
                .when().get("/tenants?size=abc")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void emptyBodyIsA400Problem() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.JSON)
                .when().post("/tenants")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeUnknownRouteAndMethodAnswerProblemJson() {
        given().auth().oauth2(JwksStub.vendorToken())
                .contentType(ContentType.XML).body("<name>Acme</name>")
                .when().post("/tenants")
                .then().statusCode(415).contentType("application/problem+json");
        given().when().get("/no/such/route")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("not-found"));
        given().auth().oauth2(JwksStub.vendorToken())
                .when().delete("/tenants")
                .then().statusCode(405).contentType("application/problem+json");
    }
}
