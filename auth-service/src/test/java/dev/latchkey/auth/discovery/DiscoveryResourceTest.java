package dev.latchkey.auth.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.latchkey.auth.RbacStub;
import dev.latchkey.auth.TokenServiceStub;
import dev.latchkey.common.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenServiceStub.class)
@WithTestResource(RbacStub.class)
class DiscoveryResourceTest {

    @Test
    void openidConfigurationNamesTheEndpoints() {
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            given().when().get(path)
                    .then().statusCode(200)
                    .header("Cache-Control", containsString("max-age"))
                    .body("issuer", equalTo("http://127.0.0.1:8083"))
                    .body("token_endpoint", equalTo("http://127.0.0.1:8083/oauth/token"))
                    .body("jwks_uri", equalTo("http://127.0.0.1:8083/.well-known/jwks.json"))
                    .body("grant_types_supported", hasItems("client_credentials"))
                    .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic", "client_secret_post"))
                    .body("access_token_signing_alg_values_supported", hasItems("ES256"))
                    .body("scopes_supported", hasItems("offline_access", "tokens.tenant.read"))
                    .body("claims_supported", hasItems("client_id", "scope", "tenant_id", "permissions"));
        }
    }

    /** No authorization endpoint, no ID tokens, no userinfo: the document claims none of them. */
    @Test
    void discoveryClaimsOnlyWhatExists() {
        given().when().get("/.well-known/openid-configuration")
                .then().statusCode(200)
                .body("response_types_supported", hasSize(0))
                .body("$", not(hasKey("authorization_endpoint")))
                .body("$", not(hasKey("userinfo_endpoint")))
                .body("$", not(hasKey("id_token_signing_alg_values_supported")))
                .body("$", not(hasKey("subject_types_supported")))
                .body("claims_supported", not(hasItems("nbf")));
    }

    /** Every public document: readable from any origin, versioned by a strong ETag, 304 when unchanged. */
    @Test
    void publicDocumentsAnswerConditionalRequestsAndCors() {
        for (String path : new String[] {"/.well-known/jwks.json", "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server"}) {
            var first = given().header("Origin", "https://app.example.com").when().get(path)
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\""))
                    .header("Cache-Control", equalTo("public, max-age=300"))
                    .extract();
            String etag = first.header("ETag");
            given().header("If-None-Match", etag).when().get(path)
                    .then().statusCode(304).header("ETag", etag).header("Access-Control-Allow-Origin", "*");
            given().header("If-None-Match", "\"something-else\"").when().get(path)
                    .then().statusCode(200).header("ETag", etag);
            given().header("If-None-Match", "*").when().get(path).then().statusCode(304);
        }
    }

    @Test
    void jwksPublishesOnlyPublicEs256Keys() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", containsString("max-age=300"))
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys", everyItem(hasKey("kid")))
                .body("keys", everyItem(not(hasKey("d"))));
    }
}
