package dev.latchkey.auth.oauth2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.auth.refresh.RefreshTokens;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Every grant type, the claims it yields, and the RFC 6749 errors, over HTTP against real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class GrantsTest {

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Inject
    RefreshTokens refreshTokens;

    JwtClaims verify(String jwt) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUrl.toString())))
                .setExpectedIssuer("http://127.0.0.1:8083").setExpectedAudience("latchkey").setRequireExpirationTime()
                .build().processToClaims(jwt);
    }

    /** A refresh_token grant, authenticated as {@code client} ({clientId, secret}) with client_secret_basic. */
    static io.restassured.specification.RequestSpecification refresh(String[] client, String refreshToken) {
        return given().auth().preemptive().basic(client[0], client[1])
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken);
    }

    static JsonPath clientCredentials(String clientId, String secret, String scope) {
        var request = given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials");
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post("/oauth/token").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aTenantTokenCarriesItsRolesAndTheirLivePermissionsExpanded() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID reader = RbacStub.role("Reader", "audit.read", "users.read");
        String[] client = TokenServiceStub.tenantClient(tenant, false, reader);
        JwtClaims claims = verify(clientCredentials(client[0], client[1], null).getString("access_token"));
        assertEquals("tenant", claims.getStringClaimValue("token_type"));
        assertEquals(tenant.toString(), claims.getStringClaimValue("tenant_id"));
        assertEquals(client[2], claims.getStringClaimValue("token_id"));
        assertEquals(List.of("Reader"), claims.getStringListClaimValue("roles"));
        assertEquals(List.of("audit.read", "users.read"), claims.getStringListClaimValue("permissions"));
        assertEquals(client[0], claims.getSubject());
    }

    @Test
    void scopeNarrowsButNeverWidens() throws Exception {
        UUID tenant = UUID.randomUUID();
        String[] client = TokenServiceStub.tenantClient(tenant, false, RbacStub.role("Two", "audit.read", "users.read"));
        JsonPath narrowed = clientCredentials(client[0], client[1], "audit.read");
        assertEquals("audit.read", narrowed.getString("scope"));
        assertEquals(List.of("audit.read"), verify(narrowed.getString("access_token")).getStringListClaimValue("permissions"));
        given().auth().preemptive().basic(client[0], client[1]).formParam("grant_type", "client_credentials")
                .formParam("scope", "audit.read settings.write").post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void scopeKeepsOnlyTheRolesWhosePermissionsAreAllGranted() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID auditor = RbacStub.role("Auditor", "audit.read");
        UUID reader = RbacStub.role("Reader2", "audit.read", "users.read");
        String[] client = TokenServiceStub.tenantClient(tenant, true, auditor, reader);
        assertEquals(List.of("Auditor", "Reader2"),
                verify(clientCredentials(client[0], client[1], null).getString("access_token")).getStringListClaimValue("roles"));

        JsonPath narrowed = clientCredentials(client[0], client[1], "audit.read offline_access");
        JwtClaims claims = verify(narrowed.getString("access_token"));
        assertEquals(List.of("audit.read"), claims.getStringListClaimValue("permissions"));
        assertEquals(List.of("Auditor"), claims.getStringListClaimValue("roles"), "Reader2 also grants users.read");

        // the same rule on a refresh that narrows further, and on an access-key exchange
        JsonPath refreshed = refresh(client, narrowed.getString("refresh_token")).post("/oauth/token")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("Auditor"), verify(refreshed.getString("access_token")).getStringListClaimValue("roles"));
        String key = TokenServiceStub.tenantAccessKey(tenant, auditor, reader);
        String exchanged = given().formParam("grant_type", TokenExchangeGrant.GRANT_TYPE).formParam("scope", "users.read")
                .formParam("subject_token", key).formParam("subject_token_type", TokenExchangeGrant.ACCESS_KEY)
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        assertEquals(List.of(), verify(exchanged).getStringListClaimValue("roles"));

        // and on the vendor acting for a user
        RbacStub.member(tenant, "auth0|erin", auditor, reader);
        String session = given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("grant_type", TokenExchangeGrant.GRANT_TYPE).formParam("scope", "audit.read")
                .formParam("subject_token", "auth0|erin").formParam("subject_token_type", TokenExchangeGrant.USER_ID)
                .formParam("tenant_id", tenant.toString())
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        assertEquals(List.of("Auditor"), verify(session).getStringListClaimValue("roles"));
    }

    @Test
    void aJwtFromARolledAwaySecretEndsWithItsGracePeriod() throws Exception {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("G", "audit.read"));
        TokenServiceStub.roll(client[0], client[1], java.time.Duration.ofSeconds(60));
        JsonPath old = clientCredentials(client[0], client[1], null);
        JwtClaims claims = verify(old.getString("access_token"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        org.junit.jupiter.api.Assertions.assertTrue(lifetime <= 60 && lifetime >= 58, "capped at the grace, was " + lifetime);
        org.junit.jupiter.api.Assertions.assertTrue(old.getLong("expires_in") <= 60);
    }

    @Test
    void theJtiIsAUuidVersion7StampedWithTheIssueTime() throws Exception {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("J", "audit.read"));
        JwtClaims claims = verify(clientCredentials(client[0], client[1], null).getString("access_token"));
        UUID jti = UUID.fromString(claims.getJwtId());
        assertEquals(claims.getJwtId(), jti.toString());
        assertEquals(7, jti.version());
        assertEquals(2, jti.variant());
        long millis = jti.getMostSignificantBits() >>> 16;
        long iatMillis = claims.getIssuedAt().getValueInMillis();
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(millis - iatMillis) < 1000, millis + " vs iat " + iatMillis);
    }

    @Test
    void aWrongSecretForAKnownClientIdIsReportedWithItsToken() throws Exception {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), false, RbacStub.role("W", "audit.read"));
        given().auth().preemptive().basic(client[0], dev.latchkey.common.secret.SecretFormat.generate(
                        dev.latchkey.common.secret.SecretKind.CLIENT_SECRET))
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(401);
        awaitFailure(client[2], "MISMATCH");
    }

    /** Waits (up to 5 s) for a usage batch reporting a failed use of the token with this reason. */
    static void awaitFailure(String tokenId, String reason) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            boolean seen = TokenServiceStub.USAGE.stream().flatMap(b -> java.util.stream.StreamSupport.stream(
                            b.path("failures").spliterator(), false))
                    .anyMatch(f -> tokenId.equals(f.path("tokenId").asText()) && reason.equals(f.path("reason").asText()));
            if (seen) {
                return;
            }
            Thread.sleep(100);
        }
        org.junit.jupiter.api.Assertions.fail("no failure " + reason + " reported for token " + tokenId);
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsItsFamily() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("R", "audit.read"));
        assertNull(clientCredentials(client[0], client[1], null).getString("refresh_token"), "only when asked for");
        JsonPath first = clientCredentials(client[0], client[1], "offline_access");
        String rt1 = first.getString("refresh_token");
        org.junit.jupiter.api.Assertions.assertTrue(rt1.startsWith("lk_rt_"));

        JsonPath second = refresh(client, rt1)
                .post("/oauth/token").then().statusCode(200)
                .body("access_token", notNullValue()).body("refresh_token", startsWith("lk_rt_"))
                .extract().jsonPath();
        String rt2 = second.getString("refresh_token");
        assertNotEquals(rt1, rt2);

        // the spent one again: refused, and the family (rt2 too) ends
        refresh(client, rt1).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, rt2).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, "lk_rt_nonsense").post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void atMostOneHundredLiveRefreshTokensPerApiToken() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("C", "audit.read"));
        String oldest = clientCredentials(client[0], client[1], "offline_access").getString("refresh_token");
        for (int i = 0; i < 100; i++) {
            clientCredentials(client[0], client[1], "offline_access");
        }
        assertEquals(100, refreshTokens.liveCount(UUID.fromString(client[2])).await().indefinitely());
        refresh(client, oldest).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aRefreshTokenDiesWithItsApiToken() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("D", "audit.read"));
        String rt = clientCredentials(client[0], client[1], "offline_access").getString("refresh_token");
        String[] other = TokenServiceStub.tenantClient(UUID.randomUUID(), true);
        TokenServiceStub.delete(client[2]);
        // the deleted token's secret no longer authenticates; another client may not use it either
        refresh(client, rt).post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        refresh(other, rt).post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void anAccessKeyIsExchangedForAJwtWithTheSameRights() throws Exception {
        UUID tenant = UUID.randomUUID();
        String key = TokenServiceStub.tenantAccessKey(tenant, RbacStub.role("Gateway", "tokens.tenant.read"));
        String jwt = given().formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", key).formParam("subject_token_type", TokenExchangeGrant.ACCESS_KEY)
                .post("/oauth/token").then().statusCode(200)
                .body("issued_token_type", equalTo(TokenExchangeGrant.ACCESS_KEY))
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", nullValue())
                .extract().path("access_token");
        JwtClaims claims = verify(jwt);
        assertEquals(List.of("tokens.tenant.read"), claims.getStringListClaimValue("permissions"));
        assertEquals(tenant.toString(), claims.getStringClaimValue("tenant_id"));
        given().formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", key.substring(0, 20) + (key.charAt(20) == 'x' ? 'y' : 'x') + key.substring(21))
                .formParam("subject_token_type", TokenExchangeGrant.ACCESS_KEY)
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void theVendorActsForAUserWithTheUsersCurrentRoles() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID member = RbacStub.role("Member", "tokens.personal.write", "users.read");
        RbacStub.member(tenant, "auth0|alice", member);
        String jwt = given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", "auth0|alice").formParam("subject_token_type", TokenExchangeGrant.USER_ID)
                .formParam("tenant_id", tenant.toString())
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        JwtClaims claims = verify(jwt);
        assertEquals("auth0|alice", claims.getSubject());
        assertEquals("user", claims.getStringClaimValue("token_type"));
        assertEquals("auth0|alice", claims.getStringClaimValue("user_id"));
        assertEquals(List.of("Member"), claims.getStringListClaimValue("roles"));
        assertEquals(Map.of("sub", TokenServiceStub.CLIENT_ID), claims.getClaimValue("act"));

        given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", "auth0|stranger").formParam("subject_token_type", TokenExchangeGrant.USER_ID)
                .formParam("tenant_id", tenant.toString())
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        String[] tenantClient = TokenServiceStub.tenantClient(tenant, false, member);
        given().auth().preemptive().basic(tenantClient[0], tenantClient[1])
                .formParam("grant_type", TokenExchangeGrant.GRANT_TYPE)
                .formParam("subject_token", "auth0|alice").formParam("subject_token_type", TokenExchangeGrant.USER_ID)
                .formParam("tenant_id", tenant.toString())
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void aPersonalTokenActsWithItsUsersRolesAndNotAtAllOnceTheUserLeft() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID member = RbacStub.role("PersonalMember", "tokens.personal.write");
        RbacStub.member(tenant, "auth0|dave", member);
        String[] personal = TokenServiceStub.personalClient(tenant, "auth0|dave");
        JwtClaims claims = verify(clientCredentials(personal[0], personal[1], null).getString("access_token"));
        assertEquals("personal", claims.getStringClaimValue("token_type"));
        assertEquals("auth0|dave", claims.getSubject());
        assertEquals(List.of("tokens.personal.write"), claims.getStringListClaimValue("permissions"));

        String[] orphan = TokenServiceStub.personalClient(tenant, "auth0|gone");
        given().auth().preemptive().basic(orphan[0], orphan[1]).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aRefreshWithClientAuthenticationChecksTheSecret() {
        String[] client = TokenServiceStub.tenantClient(UUID.randomUUID(), true, RbacStub.role("S", "audit.read"));
        String rt = clientCredentials(client[0], client[1], "offline_access").getString("refresh_token");
        given().auth().preemptive().basic(client[0], dev.latchkey.common.secret.SecretFormat.generate(
                        dev.latchkey.common.secret.SecretKind.CLIENT_SECRET))
                .formParam("grant_type", "refresh_token").formParam("refresh_token", rt)
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        // the refused attempt did not spend it
        refresh(client, rt).post("/oauth/token").then().statusCode(200);
    }

    @Test
    void everyRfc6749ErrorHasItsCode() {
        given().auth().preemptive().basic(TokenServiceStub.CLIENT_ID, TokenServiceStub.SECRET)
                .formParam("grant_type", TokenExchangeGrant.GRANT_TYPE).formParam("subject_token", "bad\u0001user")
                .formParam("subject_token_type", TokenExchangeGrant.USER_ID).formParam("tenant_id", UUID.randomUUID().toString())
                .post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().formParam("grant_type", "refresh_token").post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().formParam("grant_type", TokenExchangeGrant.GRANT_TYPE).formParam("subject_token", "x")
                .formParam("subject_token_type", "urn:other").post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().formParam("grant_type", "authorization_code").post("/oauth/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }
}
