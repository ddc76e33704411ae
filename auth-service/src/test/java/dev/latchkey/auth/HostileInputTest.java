package dev.latchkey.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.HostileInput;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the contract, with text PostgreSQL cannot store, huge strings and huge arrays (ADR 0011); the
 * OAuth endpoints answer RFC 6749 errors. The contract cannot name form fields, so they are listed here, with the
 * vendor's client credentials so that requests get as far as they can.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class HostileInputTest {

    @Test
    void noHostileInputAnswers5xxAndEveryRefusalIsAnOAuthError() {
        Map<String, String> token = new LinkedHashMap<>();
        token.put("grant_type", "client_credentials");
        token.put("client_id", TokenServiceStub.CLIENT_ID);
        token.put("client_secret", TokenServiceStub.SECRET);
        token.put("scope", "tokens.tenant.read");
        token.put("refresh_token", "lk_rt_x");
        token.put("subject_token", "lk_at_x");
        token.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        token.put("tenant_id", UUID.randomUUID().toString());
        Map<String, String> introspect = new LinkedHashMap<>();
        introspect.put("token", "lk_rt_x");
        introspect.put("token_type_hint", "refresh_token");
        introspect.put("client_id", TokenServiceStub.CLIENT_ID);
        introspect.put("client_secret", TokenServiceStub.SECRET);
        HostileInput walker = HostileInput.contract("auth-service")
                .oauth("/oauth/")
                .form("/oauth/token", token)
                .form("/oauth/introspect", introspect)
                .form("/oauth/revoke", introspect);
        List<String> failures = walker.walk();
        assertEquals(List.of(), failures, failures.size() + " of " + walker.requests() + " requests:\n"
                + String.join("\n", failures));
    }

    @Test
    void unstorableFormFieldsAndOversizedFormsAreRfc6749InvalidRequest() {
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=a%00b&client_secret=x").post("/oauth/token")
                .then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid_request")).body("error_description", containsString("client_id"));
        given().auth().preemptive().basic("lk_ci_\u0000", "x").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=" + "x".repeat(70_000)).post("/oauth/token")
                .then().statusCode(413).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_request"));
    }
}
