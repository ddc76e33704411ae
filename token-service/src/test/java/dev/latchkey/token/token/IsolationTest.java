package dev.latchkey.token.token;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latchkey.common.testing.JwksStub;
import dev.latchkey.common.testing.PostgresResource;
import dev.latchkey.token.ConfiguredBootstrap;
import dev.latchkey.token.RbacStub;
import dev.latchkey.token.TokenApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** An admin of tenant A using tenant B's ids, or another user's: answered as a missing id, nothing changes. */
@QuarkusTest
@TestProfile(ConfiguredBootstrap.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwksStub.class)
@WithTestResource(RbacStub.class)
class IsolationTest {

    @Test
    void foreignTenantAndUserIdsAnswerAsMissingOnes() {
        UUID a = RbacStub.tenant();
        UUID b = RbacStub.tenant();
        String adminA = TokenApi.admin(a, TokenApi.user());
        String adminB = TokenApi.admin(b, TokenApi.user());
        String userB = TokenApi.user();
        String userBJwt = TokenApi.member(b, userB);
        String tokenB = as(adminB).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null))
                .post("/tenants/" + b + "/tokens").then().statusCode(201).extract().path("token.id");
        String personalB = as(userBJwt).body(body("ACCESS_TOKEN", null, null, null))
                .post("/tenants/" + b + "/personal-tokens").then().statusCode(201).extract().path("token.id");
        String before = snapshot(adminB, b, userBJwt);
        String missing = UUID.randomUUID().toString();

        for (String kind : new String[] {"tokens", "personal-tokens"}) {
            String token = kind.equals("tokens") ? tokenB : personalB;
            same(adminA, (s, t) -> s.get("/tenants/" + t + "/" + kind), b.toString(), missing);
            same(adminA, (s, t) -> s.body(body("ACCESS_TOKEN", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + t + "/" + kind), b.toString(), missing);
            same(adminA, (s, t) -> s.get("/tenants/" + t + "/" + kind + "/" + token), b.toString(), missing);
            same(adminA, (s, t) -> s.body("{\"description\":\"x\"}").patch("/tenants/" + t + "/" + kind + "/" + token), b.toString(), missing);
            same(adminA, (s, t) -> s.post("/tenants/" + t + "/" + kind + "/" + token + "/roll"), b.toString(), missing);
            same(adminA, (s, t) -> s.delete("/tenants/" + t + "/" + kind + "/" + token), b.toString(), missing);
            // B's token id under A's own tenant
            same(adminA, (s, id) -> s.get("/tenants/" + a + "/" + kind + "/" + id), token, missing);
            same(adminA, (s, id) -> s.body("{\"description\":\"x\"}").patch("/tenants/" + a + "/" + kind + "/" + id), token, missing);
            same(adminA, (s, id) -> s.post("/tenants/" + a + "/" + kind + "/" + id + "/roll"), token, missing);
            same(adminA, (s, id) -> s.delete("/tenants/" + a + "/" + kind + "/" + id), token, missing);
        }
        same(adminA, (s, t) -> s.get("/tenants/" + t + "/audit"), b.toString(), missing);
        same(adminA, (s, t) -> s.get("/tenants/" + t + "/settings"), b.toString(), missing);
        same(adminA, (s, t) -> s.body("{\"jwtLifetimeSeconds\":60}").put("/tenants/" + t + "/settings"), b.toString(), missing);
        // another user's personal token in the same tenant, for a plain member: as missing
        String otherMember = TokenApi.member(b, TokenApi.user());
        same(otherMember, (s, id) -> s.get("/tenants/" + b + "/personal-tokens/" + id), personalB, missing);
        same(otherMember, (s, id) -> s.delete("/tenants/" + b + "/personal-tokens/" + id), personalB, missing);

        assertEquals(before, snapshot(adminB, b, userBJwt), "tenant B changed");
    }

    private static void same(String jwt, BiFunction<RequestSpecification, String, Response> call, String foreign, String missing) {
        Response f = call.apply(as(jwt), foreign);
        Response m = call.apply(as(jwt), missing);
        assertEquals(404, f.statusCode(), f.asString());
        assertEquals(m.statusCode(), f.statusCode());
        assertEquals((Object) m.path("type"), f.path("type"));
    }

    private static String snapshot(String admin, UUID tenant, String user) {
        return as(admin).get("/tenants/" + tenant + "/tokens").asString()
                + as(user).get("/tenants/" + tenant + "/personal-tokens").asString()
                + as(admin).get("/tenants/" + tenant + "/settings").asString();
    }
}
