package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The seed's journey: create, see the secret once, list without it, use it, delete it, and it is gone. */
@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class TokenJourneyTest {

    @Test
    void clientCredentialsTokenFromCreationToDeletion() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        UUID role = RbacStub.role(tenant, "Deployer", 20);
        long feedHead = internal().get("/internal/changes").then().extract().jsonPath().getLong("head");

        JsonPath created = as(admin).body(body("CLIENT_CREDENTIALS", ids(role), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201)
                .header("Location", containsString("/tenants/" + tenant + "/tokens/"))
                .body("token.clientId", startsWith("lk_ci_"))
                .body("clientSecret", startsWith("lk_cs_"))
                .body("accessKey", nullValue())
                .body("token.description", equalTo("test token"))
                .body("token.roleIds", equalTo(List.of(role.toString())))
                .body("token.createdBy", notNullValue())
                .body("token.expiresAt", nullValue())
                .extract().jsonPath();
        String id = created.getString("token.id");
        String clientId = created.getString("token.clientId");
        String secret = created.getString("clientSecret");

        String list = as(admin).get("/tenants/" + tenant + "/tokens").then().statusCode(200)
                .body("items.id", hasItem(id)).body("total", equalTo(1)).extract().asString();
        String one = as(admin).get("/tenants/" + tenant + "/tokens/" + id).then().statusCode(200)
                .body("secretHint", startsWith("lk_cs_...")).extract().asString();
        assertFalse(list.contains(secret.substring(6, 40)) || one.contains(secret.substring(6, 40)), "secret in a read");
        assertFalse(list.contains("clientSecret"));

        internal().body("{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret + "\"}")
                .post("/internal/credentials/client").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("token.context", equalTo("TENANT"))
                .body("token.tenantId", equalTo(tenant.toString()))
                .body("token.roleIds", equalTo(List.of(role.toString())))
                .body("token.jwtLifetimeSeconds", equalTo(300));

        as(admin).delete("/tenants/" + tenant + "/tokens/" + id).then().statusCode(204);
        as(admin).get("/tenants/" + tenant + "/tokens/" + id).then().statusCode(404).contentType("application/problem+json");
        as(admin).get("/tenants/" + tenant + "/tokens").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(admin).delete("/tenants/" + tenant + "/tokens/" + id).then().statusCode(404);
        internal().body("{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret + "\"}")
                .post("/internal/credentials/client").then().statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("UNKNOWN"));

        List<String> feed = internal().get("/internal/changes?after=" + feedHead).then().extract().jsonPath()
                .getList("changes.type", String.class);
        assertTrue(feed.containsAll(List.of("token.created", "token.deleted")), feed.toString());
        String audit = as(admin).get("/tenants/" + tenant + "/audit").then().statusCode(200)
                .body("items.action", hasItem("token.created"))
                .body("items.action", hasItem("token.deleted"))
                .extract().asString();
        assertFalse(audit.contains(secret.substring(6, 40)), "secret in the audit log");
    }

    @Test
    void accessTokenWithAnExpiry() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        JsonPath created = as(admin).body(body("ACCESS_TOKEN", null, "\"tokens.tenant.read\"", 60))
                .post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201)
                .body("accessKey", startsWith("lk_at_"))
                .body("clientSecret", nullValue())
                .body("token.clientId", nullValue())
                .body("token.permissionIds", equalTo(List.of("tokens.tenant.read")))
                .body("token.expiresAt", notNullValue())
                .extract().jsonPath();
        String key = created.getString("accessKey");
        String id = created.getString("token.id");
        internal().body("{\"accessKey\":\"" + key + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(true)).body("token.tokenId", equalTo(id))
                .body("token.expiresAt", notNullValue());
        as(admin).delete("/tenants/" + tenant + "/tokens/" + id).then().statusCode(204);
        internal().body("{\"accessKey\":\"" + key + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("UNKNOWN"));
    }

    @Test
    void updateChangesEverythingButTheSecret() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        UUID role = RbacStub.role(tenant, "Reader", 30);
        JsonPath created = as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + tenant + "/tokens").then().statusCode(201).extract().jsonPath();
        String id = created.getString("token.id");
        as(admin).body("{\"description\":\"renamed\",\"roleIds\":[\"" + role + "\"],\"metadata\":{\"env\":\"prod\"}}")
                .patch("/tenants/" + tenant + "/tokens/" + id).then().statusCode(200)
                .body("description", equalTo("renamed"))
                .body("roleIds", equalTo(List.of(role.toString())))
                .body("metadata.env", equalTo("prod"))
                .body("secretHint", equalTo(created.getString("token.secretHint")));
        internal().body("{\"clientId\":\"" + created.getString("token.clientId") + "\",\"clientSecret\":\""
                        + created.getString("clientSecret") + "\"}")
                .post("/internal/credentials/client").then().statusCode(200).body("valid", equalTo(true))
                .body("token.metadata.env", equalTo("prod"));
    }
}
