package dev.latchkey.token.credential;

import static dev.latchkey.token.ConfiguredBootstrap.CLIENT_ID;
import static dev.latchkey.token.ConfiguredBootstrap.SECRET;
import static dev.latchkey.token.ConfiguredBootstrap.SERVICE_CREDENTIAL;
import static dev.latchkey.token.ConfiguredBootstrap.SERVICE_HEADER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class CredentialResourceTest {

    static ValidatableResponse check(String clientId, String secret) {
        return given().header(SERVICE_HEADER, SERVICE_CREDENTIAL).contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret + "\"}")
                .when().post("/internal/credentials/client")
                .then();
    }

    @Test
    void bootstrapCredentialFromConfigurationIsValid() {
        check(CLIENT_ID, SECRET).statusCode(200)
                .body("valid", equalTo(true))
                .body("token.context", equalTo("VENDOR"))
                .body("token.type", equalTo("CLIENT_CREDENTIALS"))
                .body("token.clientId", equalTo(CLIENT_ID))
                .body("token.tokenId", notNullValue())
                .body("token.tenantId", nullValue())
                .body("token", not(org.hamcrest.Matchers.hasKey("secretHash")));
    }

    @Test
    void wrongSecretIsAMismatch() {
        check(CLIENT_ID, SecretFormat.generate(SecretKind.CLIENT_SECRET)).statusCode(200)
                .body("valid", equalTo(false))
                .body("reason", equalTo("MISMATCH"))
                .body("token", nullValue());
    }

    @Test
    void mistypedSecretIsRefusedByItsChecksum() {
        char last = SECRET.charAt(SECRET.length() - 1);
        String typo = SECRET.substring(0, SECRET.length() - 1) + (last == 'x' ? 'y' : 'x');
        check(CLIENT_ID, typo).statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("MALFORMED"));
        check(CLIENT_ID, "not-a-secret").statusCode(200).body("reason", equalTo("MALFORMED"));
        check(CLIENT_ID, SecretFormat.generate(SecretKind.ACCESS_KEY)).statusCode(200).body("reason", equalTo("MALFORMED"));
    }

    @Test
    void unknownClientIsUnknown() {
        check(SecretFormat.newClientId(), SECRET).statusCode(200).body("valid", equalTo(false))
                .body("reason", equalTo("UNKNOWN"));
    }

    @Test
    void internalCallsNeedTheServiceCredential() {
        given().contentType(ContentType.JSON).body("{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + SECRET + "\"}")
                .when().post("/internal/credentials/client")
                .then().statusCode(401).contentType("application/problem+json");
        given().header(SERVICE_HEADER, SERVICE_CREDENTIAL + "x").contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + SECRET + "\"}")
                .when().post("/internal/credentials/client")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void incompleteCheckNamesTheField() {
        given().header(SERVICE_HEADER, SERVICE_CREDENTIAL).contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + CLIENT_ID + "\"}")
                .when().post("/internal/credentials/client")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("clientSecret"));
    }
}
