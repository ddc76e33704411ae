package dev.latchkey.token.usage;

import static dev.latchkey.token.TokenApi.as;
import static dev.latchkey.token.TokenApi.body;
import static dev.latchkey.token.TokenApi.ids;
import static dev.latchkey.token.TokenApi.internal;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
class UsageTest {

    @Test
    void batchesMoveLastUsedForwardAndAuditFailures() {
        UUID tenant = RbacStub.tenant();
        String admin = TokenApi.admin(tenant, TokenApi.user());
        String id = as(admin).body(body("CLIENT_CREDENTIALS", ids(RbacStub.MEMBER), null, null)).post("/tenants/" + tenant + "/tokens")
                .then().statusCode(201).extract().path("token.id");
        internal().body("{\"used\":[{\"tokenId\":\"" + id + "\",\"at\":\"2026-11-28T10:00:00Z\"},"
                        + "{\"tokenId\":\"" + id + "\",\"at\":\"2026-11-28T10:05:00Z\"}],"
                        + "\"failures\":[{\"tokenId\":\"" + id + "\",\"reason\":\"MISMATCH\",\"at\":\"2026-11-28T10:06:00Z\","
                        + "\"source\":\"203.0.113.7\"}]}")
                .post("/internal/usage").then().statusCode(204);
        // an older batch arriving late does not move it back
        internal().body("{\"used\":[{\"tokenId\":\"" + id + "\",\"at\":\"2026-11-28T09:00:00Z\"}]}")
                .post("/internal/usage").then().statusCode(204);
        as(admin).get("/tenants/" + tenant + "/tokens/" + id).then().statusCode(200)
                .body("lastUsedAt", equalTo("2026-11-28T10:05:00Z"));
        as(admin).get("/tenants/" + tenant + "/audit?tokenId=" + id).then().statusCode(200)
                .body("items.action", hasItem("use.failed"))
                .body("items.find { it.action == 'use.failed' }.source", equalTo("203.0.113.7"));
        internal().body("{\"used\":[{\"tokenId\":null}]}").post("/internal/usage").then().statusCode(400);
    }
}
