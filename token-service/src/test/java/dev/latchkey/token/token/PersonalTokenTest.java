package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class PersonalTokenTest {

    @Test
    void ownersSeeTheirOwnAdminsWhoReachThemMayOffboard() {
        UUID tenant = RbacStub.tenant();
        String alice = TokenApi.user();
        String bob = TokenApi.user();
        String aliceJwt = TokenApi.member(tenant, alice);
        String bobJwt = TokenApi.member(tenant, bob);
        String admin = TokenApi.admin(tenant, TokenApi.user());
        String path = "/tenants/" + tenant + "/personal-tokens";
        String aliceToken = as(aliceJwt).body(body("ACCESS_TOKEN", null, null, null)).post(path)
                .then().statusCode(201).extract().path("token.id");

        as(aliceJwt).get(path).then().statusCode(200).body("total", equalTo(1));
        as(bobJwt).get(path).then().statusCode(200).body("total", equalTo(0));
        as(bobJwt).get(path + "/" + aliceToken).then().statusCode(404);
        as(bobJwt).get(path + "?userId=" + alice).then().statusCode(403);
        as(bobJwt).delete(path + "/" + aliceToken).then().statusCode(404);
        as(bobJwt).body("{\"description\":\"mine now\"}").patch(path + "/" + aliceToken).then().statusCode(404);

        as(admin).get(path + "?userId=" + alice).then().statusCode(200).body("items[0].id", equalTo(aliceToken));
        as(admin).body("{\"description\":\"not yours\"}").patch(path + "/" + aliceToken).then().statusCode(404);
        as(admin).delete(path + "/" + aliceToken).then().statusCode(204);
        as(aliceJwt).get(path).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aPersonalTokenNarrowedToADeletedRoleEndsInsteadOfWidening() throws Exception {
        UUID tenant = RbacStub.tenant();
        UUID narrow = RbacStub.role(tenant, "Narrow", 20);
        String user = TokenApi.user();
        RbacStub.member(tenant, user, RbacStub.ADMIN, narrow);
        String jwt = JwksStub.personalToken(tenant.toString(), user, java.util.List.of("Admin", "Narrow"),
                TokenApi.ADMIN_PERMISSIONS);
        String path = "/tenants/" + tenant + "/personal-tokens";
        String narrowed = as(jwt).body(body("ACCESS_TOKEN", ids(narrow), null, null)).post(path)
                .then().statusCode(201).extract().path("accessKey");
        String wide = as(jwt).body(body("ACCESS_TOKEN", ids(narrow, RbacStub.ADMIN), null, null)).post(path)
                .then().statusCode(201).extract().path("token.id");

        RbacStub.publish("role.deleted", tenant, Map.of("roleId", narrow.toString()));
        Instant published = Instant.now();
        while (internal().body("{\"accessKey\":\"" + narrowed + "\"}").post("/internal/credentials/access-key")
                .then().extract().jsonPath().getBoolean("valid")) {
            if (Duration.between(published, Instant.now()).toSeconds() > 10) {
                throw new AssertionError("a token narrowed to a deleted role outlived it");
            }
            Thread.sleep(50);
        }
        as(jwt).get(path + "/" + wide).then().statusCode(200)
                .body("roleIds", equalTo(java.util.List.of(RbacStub.ADMIN.toString())));
    }

    @Test
    void personalTokensVanishWhenRbacAnnouncesTheUsersRemoval() throws Exception {
        UUID tenant = RbacStub.tenant();
        String leaver = TokenApi.user();
        String stayer = TokenApi.user();
        String leaverJwt = TokenApi.member(tenant, leaver);
        String stayerJwt = TokenApi.member(tenant, stayer);
        String admin = TokenApi.admin(tenant, TokenApi.user());
        String path = "/tenants/" + tenant + "/personal-tokens";
        String key = as(leaverJwt).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post(path)
                .then().statusCode(201).extract().path("accessKey");
        as(stayerJwt).body(body("ACCESS_TOKEN", null, null, null)).post(path).then().statusCode(201);
        as(admin).body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201);

        RbacStub.publish("membership.removed", tenant, Map.of("userId", leaver));
        Instant published = Instant.now();
        while (internal().body("{\"accessKey\":\"" + key + "\"}").post("/internal/credentials/access-key")
                .then().extract().jsonPath().getBoolean("valid")) {
            if (Duration.between(published, Instant.now()).toSeconds() > 10) {
                throw new AssertionError("the personal token outlived its user's membership");
            }
            Thread.sleep(50);
        }
        System.out.println("Personal token gone " + Duration.between(published, Instant.now()).toMillis()
                + " ms after rbac-service announced the removal");
        as(admin).get(path + "?userId=" + leaver).then().statusCode(200).body("total", equalTo(0));
        as(stayerJwt).get(path).then().statusCode(200).body("total", equalTo(1));
        as(admin).get("/tenants/" + tenant + "/tokens").then().statusCode(200).body("total", equalTo(1));

        RbacStub.publish("tenant.deleted", tenant, Map.of());
        Instant deleted = Instant.now();
        while (as(admin).get("/tenants/" + tenant + "/tokens").then().extract().jsonPath().getInt("total") > 0) {
            if (Duration.between(deleted, Instant.now()).toSeconds() > 10) {
                throw new AssertionError("tokens outlived their tenant");
            }
            Thread.sleep(50);
        }
        assertEquals(0, as(stayerJwt).get(path).then().extract().jsonPath().getInt("total"));
    }
}
