package dev.latchkey.token;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.HostileInput;
import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every operation of the contract, with text PostgreSQL cannot store, huge strings and huge arrays (ADR 0011). */
@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class HostileInputTest {

    @Test
    void noHostileInputAnswers5xxAndEveryRefusalIsProblemJson() {
        UUID tenant = RbacStub.tenant();
        String user = TokenApi.user();
        String admin = TokenApi.admin(tenant, user);
        UUID role = RbacStub.role(tenant, "Hostile", 20);
        String token = TokenApi.as(admin).body(TokenApi.body("CLIENT_CREDENTIALS", TokenApi.ids(role), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().path("token.id");
        HostileInput walker = HostileInput.contract("token-service")
                .as(() -> TokenApi.as(JwksStub.vendorToken()).header("X-Latchkey-Service", RbacStub.SERVICE_CREDENTIAL))
                .as("/tenants/", () -> TokenApi.as(admin))
                .pathValue("tenantId", tenant.toString())
                .pathValue("tokenId", token);
        List<String> failures = walker.walk();
        assertEquals(List.of(), failures, failures.size() + " of " + walker.requests() + " requests:\n"
                + String.join("\n", failures));
    }

    @Test
    void unstorableTextIsAValidationProblemNamingTheField() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        TokenApi.as(admin).urlEncodingEnabled(false).get("/tenants/" + tenant + "/personal-tokens?userId=a%00b")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("userId"));
        TokenApi.as(admin).body("{\"type\":\"ACCESS_TOKEN\",\"metadata\":{\"env\":\"\\u0000\"}}")
                .post("/tenants/" + tenant + "/tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:latchkey:problem:validation"))
                .body("violations[0].field", equalTo("metadata.env"));
    }
}
