package dev.latchkey.system;

import dev.latchkey.sdk.auth.api.DiscoveryApi;
import dev.latchkey.sdk.auth.api.Oauth2Api;
import dev.latchkey.sdk.auth.invoker.ApiClient;
import dev.latchkey.sdk.auth.invoker.ApiException;
import dev.latchkey.sdk.auth.model.IntrospectionResponse;
import dev.latchkey.sdk.auth.model.TokenResponse;
import java.util.Map;
import java.util.UUID;

/**
 * auth-service through the generated SDK's {@code Oauth2Api} and {@code DiscoveryApi}: one method per RFC request the
 * tests make. The SDK sends the form fields; client_secret_basic is the {@code Authorization} header a user adds per
 * call, since the generated native client does no authentication of its own.
 */
final class OAuth {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String USER_ID_TYPE = "urn:latchkey:params:oauth:token-type:user-id";

    private final String baseUri;
    private final Oauth2Api oauth2;
    private final DiscoveryApi discovery;

    OAuth(String baseUri) {
        this(baseUri, null);
    }

    /** A client whose every call gives up after {@code timeout} (the fault tests count a call that long as hung). */
    OAuth(String baseUri, java.time.Duration timeout) {
        this.baseUri = baseUri;
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        if (timeout != null) {
            client.setConnectTimeout(timeout);
            client.setReadTimeout(timeout);
        }
        this.oauth2 = new Oauth2Api(client);
        this.discovery = new DiscoveryApi(client);
    }

    OAuth(int port) {
        this("http://127.0.0.1:" + port);
    }

    String baseUri() {
        return baseUri;
    }

    Oauth2Api oauth2() {
        return oauth2;
    }

    DiscoveryApi discovery() {
        return discovery;
    }

    /** RFC 6749 §4.4 with client_secret_basic: the JWT. */
    String clientCredentials(String clientId, String secret) throws ApiException {
        return oauth2.requestToken(CLIENT_CREDENTIALS, null, null, null, null, null, null, null, basic(clientId, secret))
                .getAccessToken();
    }

    /** The status of a client-credentials exchange: 200 when a JWT was issued, else the refusal's. */
    int clientCredentialsStatus(String clientId, String secret) {
        return status(Sdk.refusal(() -> clientCredentials(clientId, secret)));
    }

    /** RFC 8693: an access-token key in, a JWT out (no client authentication). */
    String exchangeAccessKey(String accessKey) throws ApiException {
        return oauth2.requestToken(TOKEN_EXCHANGE, null, null, null, null, accessKey, ACCESS_TOKEN_TYPE, null)
                .getAccessToken();
    }

    int exchangeAccessKeyStatus(String accessKey) {
        return status(Sdk.refusal(() -> exchangeAccessKey(accessKey)));
    }

    /** RFC 8693 for the vendor's backend acting for its signed-in user in one tenant (the JWT's {@code act}). */
    String actFor(BootstrapCredential vendor, String userId, UUID tenantId) throws ApiException {
        TokenResponse issued = oauth2.requestToken(TOKEN_EXCHANGE, null, null, null, null, userId, USER_ID_TYPE, tenantId,
                basic(vendor.clientId(), vendor.clientSecret()));
        return issued.getAccessToken();
    }

    /** RFC 7662, authenticated as a gateway or vendor client. */
    IntrospectionResponse introspect(String callerId, String callerSecret, String token) throws ApiException {
        return oauth2.introspectToken(token, null, null, null, basic(callerId, callerSecret));
    }

    /** RFC 7009: revoke a JWT or refresh token. */
    void revoke(String callerId, String callerSecret, String token) throws ApiException {
        oauth2.revokeToken(token, null, null, null, basic(callerId, callerSecret));
    }

    /** RFC 6749 §2.3.1 client_secret_basic. */
    static Map<String, String> basic(String clientId, String secret) {
        return ClientSecretBasic.header(clientId, secret);
    }

    private static int status(int refusal) {
        return refusal == 0 ? 200 : refusal;
    }
}
