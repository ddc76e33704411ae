package dev.latchkey.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.latchkey.sdk.rbac.api.MembershipsApi;
import dev.latchkey.sdk.rbac.api.RolesApi;
import dev.latchkey.sdk.rbac.api.TenantsApi;
import dev.latchkey.sdk.token.api.TokensApi;
import java.util.function.Supplier;

/**
 * The generated Java SDK ({@code sdk/java}) set up as a user sets it up: one {@code ApiClient} per service with the
 * service's base URI and a request interceptor that adds the caller's bearer JWT. The tests call the generated
 * operations directly; nothing here speaks HTTP itself.
 */
final class Sdk {

    private Sdk() {
    }

    /** rbac-service's clients for one caller. Each API object holds its own HTTP client: make them once, reuse them. */
    record Rbac(TenantsApi tenants, RolesApi roles, MembershipsApi memberships) {
    }

    static Rbac rbac(String baseUri, String jwt) {
        return rbac(baseUri, () -> jwt);
    }

    /** Clients that ask {@code jwt} for the bearer token on every request, as a user's token cache would answer. */
    static Rbac rbac(String baseUri, Supplier<String> jwt) {
        dev.latchkey.sdk.rbac.invoker.ApiClient client = new dev.latchkey.sdk.rbac.invoker.ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + jwt.get()));
        return new Rbac(new TenantsApi(client), new RolesApi(client), new MembershipsApi(client));
    }

    static TokensApi tokens(String baseUri, String jwt) {
        return tokens(baseUri, () -> jwt);
    }

    static TokensApi tokens(String baseUri, Supplier<String> jwt) {
        return new TokensClient(baseUri, jwt, false, null).apis();
    }

    /** Clients whose every call gives up after {@code timeout} (the fault tests count a call that long as hung). */
    static TokensApi tokens(String baseUri, Supplier<String> jwt, java.time.Duration timeout) {
        return new TokensClient(baseUri, jwt, false, timeout).apis();
    }

    /**
     * token-service's clients that fail on any response field the contract does not name (the generated default
     * ignores them): where a test asserts that a secret is absent, it cannot hide in an undeclared field.
     */
    static TokensApi strictTokens(String baseUri, String jwt) {
        return new TokensClient(baseUri, () -> jwt, true, null).apis();
    }

    private record TokensClient(String baseUri, Supplier<String> jwt, boolean strict, java.time.Duration timeout) {
        TokensApi apis() {
            dev.latchkey.sdk.token.invoker.ApiClient client = new dev.latchkey.sdk.token.invoker.ApiClient();
            client.updateBaseUri(baseUri);
            if (timeout != null) {
                client.setConnectTimeout(timeout);
                client.setReadTimeout(timeout);
            }
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + jwt.get()));
            if (strict) {
                client.setObjectMapper(dev.latchkey.sdk.token.invoker.ApiClient.createDefaultObjectMapper()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            }
            return new TokensApi(client);
        }
    }

    /** A call through the SDK, for {@link #refusal}. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /**
     * How the service refused a call, as an SDK user reads it: the {@code ApiException}'s HTTP status, or 0 when the
     * call was accepted. The three services' SDKs each have their own {@code ApiException}.
     */
    static int refusal(Call call) {
        try {
            call.run();
            return 0;
        } catch (dev.latchkey.sdk.rbac.invoker.ApiException e) {
            return answered(e, e.getCode());
        } catch (dev.latchkey.sdk.token.invoker.ApiException e) {
            return answered(e, e.getCode());
        } catch (dev.latchkey.sdk.auth.invoker.ApiException e) {
            return answered(e, e.getCode());
        } catch (Exception e) {
            throw new AssertionError("the call failed without an answer from the service", e);
        }
    }

    /** The generated clients report I/O failures as an {@code ApiException} with code 0: not a refusal. */
    private static int answered(Exception e, int code) {
        if (code == 0) {
            throw new AssertionError("the call failed without an answer from the service", e);
        }
        return code;
    }
}
