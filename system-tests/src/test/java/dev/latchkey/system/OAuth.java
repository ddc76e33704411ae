package dev.latchkey.system;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * auth-service's OAuth endpoints as the system tests call them: one place for every grant, introspection and
 * revocation, each method one RFC request.
 */
final class OAuth {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String USER_ID_TYPE = "urn:latchkey:params:oauth:token-type:user-id";

    private final String baseUri;

    OAuth(String baseUri) {
        this.baseUri = baseUri;
    }

    OAuth(int port) {
        this("http://127.0.0.1:" + port);
    }

    String baseUri() {
        return baseUri;
    }

    /** RFC 6749 §4.4 with client_secret_basic: the JWT, or an AssertionError naming the refusal. */
    String clientCredentials(String clientId, String secret) {
        return issued(clientCredentialsRequest(clientId, secret));
    }

    /** The status of a client-credentials exchange: 200 when a JWT was issued. */
    int clientCredentialsStatus(String clientId, String secret) {
        return clientCredentialsRequest(clientId, secret).post(baseUri + "/oauth/token").statusCode();
    }

    /** RFC 8693: an access-token key in, a JWT out. */
    String exchangeAccessKey(String accessKey) {
        return issued(accessKeyRequest(accessKey));
    }

    int exchangeAccessKeyStatus(String accessKey) {
        return accessKeyRequest(accessKey).post(baseUri + "/oauth/token").statusCode();
    }

    /** RFC 8693 for the vendor's backend acting for its signed-in user in one tenant (the JWT's {@code act}). */
    String actFor(BootstrapCredential vendor, String userId, String tenantId) {
        return issued(given().auth().preemptive().basic(vendor.clientId(), vendor.clientSecret())
                .formParam("grant_type", TOKEN_EXCHANGE)
                .formParam("subject_token", userId)
                .formParam("subject_token_type", USER_ID_TYPE)
                .formParam("tenant_id", tenantId));
    }

    /** RFC 7662, authenticated as a gateway or vendor client: the introspection response. */
    JsonPath introspect(String callerId, String callerSecret, String token) {
        return given().auth().preemptive().basic(callerId, callerSecret).formParam("token", token)
                .post(baseUri + "/oauth/introspect").then().statusCode(200).extract().jsonPath();
    }

    /** RFC 7009: revoke a JWT or refresh token. */
    void revoke(String callerId, String callerSecret, String token) {
        given().auth().preemptive().basic(callerId, callerSecret).formParam("token", token)
                .post(baseUri + "/oauth/revoke").then().statusCode(200);
    }

    private static RequestSpecification clientCredentialsRequest(String clientId, String secret) {
        return given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials");
    }

    private static RequestSpecification accessKeyRequest(String accessKey) {
        return given().formParam("grant_type", TOKEN_EXCHANGE).formParam("subject_token", accessKey)
                .formParam("subject_token_type", ACCESS_TOKEN_TYPE);
    }

    private String issued(RequestSpecification request) {
        return request.post(baseUri + "/oauth/token").then().statusCode(200).extract().path("access_token");
    }
}
