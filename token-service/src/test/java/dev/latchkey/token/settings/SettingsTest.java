package dev.latchkey.token.settings;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class SettingsTest {

    @Test
    void aTenantTightensButNeverLoosens() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        String path = "/tenants/" + tenant + "/settings";
        as(admin).get(path).then().statusCode(200)
                .body("overrides.tokenTypes", nullValue())
                .body("effective.tokenTypes", contains("CLIENT_CREDENTIALS", "ACCESS_TOKEN"))
                .body("effective.jwtLifetimeSeconds", equalTo(300));

        as(admin).body("{\"tokenTypes\":[\"CLIENT_CREDENTIALS\"],\"maxExpiryMinutes\":60,\"jwtLifetimeSeconds\":120}")
                .put(path).then().statusCode(200)
                .body("effective.tokenTypes", contains("CLIENT_CREDENTIALS"))
                .body("effective.maxExpiryMinutes", equalTo(60))
                .body("effective.jwtLifetimeSeconds", equalTo(120));
        as(admin).body("{\"jwtLifetimeSeconds\":3600}").put(path).then().statusCode(400)
                .body("violations[0].field", equalTo("jwtLifetimeSeconds"));

        String tokens = "/tenants/" + tenant + "/tokens";
        as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, 30)).post(tokens).then().statusCode(400)
                .body("type", equalTo("urn:latchkey:problem:settings"))
                .body("violations[0].field", equalTo("type"));
        as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null)).post(tokens).then().statusCode(400)
                .body("violations[0].field", equalTo("expiresInMinutes"));
        as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, 61)).post(tokens).then().statusCode(400)
                .body("violations[0].field", equalTo("expiresInMinutes"));
        as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, 60)).post(tokens).then().statusCode(201);
    }

    @Test
    void theVendorSetsTheApplicationsSettingsAndTenantsFollow() {
        String vendor = JwksStub.vendorToken();
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        as(admin).get("/settings").then().statusCode(403);
        as(vendor).body("{\"m2mEnabled\":true,\"tokenTypes\":[\"CLIENT_CREDENTIALS\",\"ACCESS_TOKEN\"],"
                        + "\"maxExpiryMinutes\":null,\"jwtLifetimeSeconds\":600,\"refreshTokensEnabled\":false}")
                .put("/settings").then().statusCode(200).body("jwtLifetimeSeconds", equalTo(600));
        try {
            as(admin).get("/tenants/" + tenant + "/settings").then().statusCode(200)
                    .body("effective.jwtLifetimeSeconds", equalTo(600))
                    .body("effective.refreshTokensEnabled", equalTo(false));
            as(admin).body("{\"refreshTokensEnabled\":true}").put("/tenants/" + tenant + "/settings").then().statusCode(400)
                    .body("violations[0].field", equalTo("refreshTokensEnabled"));
            as(vendor).body("{\"m2mEnabled\":true}").put("/settings").then().statusCode(400)
                    .body("violations.field", contains("tokenTypes", "jwtLifetimeSeconds", "refreshTokensEnabled"));
            // the reuse window: off unless set, at most half the JWT lifetime, a tenant may only shorten it, and what
            // auth-service is told is the tenant's effective window
            as(admin).get("/tenants/" + tenant + "/settings").then().body("effective.jwtReuseSeconds", equalTo(0));
            as(vendor).body("{\"m2mEnabled\":true,\"tokenTypes\":[\"CLIENT_CREDENTIALS\"],\"maxExpiryMinutes\":null,"
                            + "\"jwtLifetimeSeconds\":600,\"refreshTokensEnabled\":false,\"jwtReuseSeconds\":301}")
                    .put("/settings").then().statusCode(400).body("violations[0].field", equalTo("jwtReuseSeconds"));
            as(vendor).body("{\"m2mEnabled\":true,\"tokenTypes\":[\"CLIENT_CREDENTIALS\",\"ACCESS_TOKEN\"],"
                            + "\"maxExpiryMinutes\":null,\"jwtLifetimeSeconds\":600,\"refreshTokensEnabled\":false,"
                            + "\"jwtReuseSeconds\":300}")
                    .put("/settings").then().statusCode(200).body("jwtReuseSeconds", equalTo(300));
            as(admin).body("{\"jwtReuseSeconds\":301}").put("/tenants/" + tenant + "/settings").then().statusCode(400)
                    .body("violations[0].field", equalTo("jwtReuseSeconds"));
            // a shorter JWT lifetime shortens the window with it: never more than half
            as(admin).body("{\"jwtLifetimeSeconds\":120}").put("/tenants/" + tenant + "/settings").then().statusCode(200)
                    .body("effective.jwtReuseSeconds", equalTo(60));
            as(admin).body("{\"jwtReuseSeconds\":10}").put("/tenants/" + tenant + "/settings").then().statusCode(200)
                    .body("overrides.jwtReuseSeconds", equalTo(10)).body("effective.jwtReuseSeconds", equalTo(10));
        } finally {
            as(vendor).body("{\"m2mEnabled\":true,\"tokenTypes\":[\"CLIENT_CREDENTIALS\",\"ACCESS_TOKEN\"],"
                            + "\"maxExpiryMinutes\":null,\"jwtLifetimeSeconds\":300,\"refreshTokensEnabled\":true}")
                    .put("/settings").then().statusCode(200).body("jwtReuseSeconds", equalTo(0));
        }
    }

    @Test
    void disablingM2mStopsCreationAndUse() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        String key = as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201).extract().path("accessKey");
        as(admin).body("{\"m2mEnabled\":false}").put("/tenants/" + tenant + "/settings").then().statusCode(200);
        as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(400).body("type", equalTo("urn:latchkey:problem:settings"));
        TokenApi.internal().body("{\"accessKey\":\"" + key + "\"}").post("/internal/credentials/access-key")
                .then().statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("DISABLED"));
    }
}
