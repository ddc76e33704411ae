package dev.latchkey.system;

import dev.latchkey.sdk.auth.api.Oauth2Api;
import dev.latchkey.sdk.rbac.api.MembershipsApi;
import dev.latchkey.sdk.rbac.api.TenantsApi;
import dev.latchkey.sdk.rbac.model.CreateTenantRequest;
import dev.latchkey.sdk.rbac.model.SetMembershipRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The run command's demo of the API Tokens page. The launcher plays the vendor's backend: with the bootstrap
 * credential it makes a "Demo Corp" tenant whose user {@value #USER} is an Admin (once per data directory), then acts
 * for that user with the token exchange, exactly as a vendor's app does for its signed-in user. The JWT travels in
 * the link's fragment, which a browser never sends to a server, and the page drops it from the address bar at once.
 */
final class DemoSession {

    static final String USER = "demo|admin";
    static final String TENANT_NAME = "Demo Corp";
    static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String USER_ID_TYPE = "urn:latchkey:params:oauth:token-type:user-id";

    private DemoSession() {
    }

    /** A link to the page and how long its session lasts. */
    record Link(String url, long validSeconds) {
    }

    /** A link that opens the page as the demo Admin; makes the demo tenant first when this data directory has none. */
    static Link link(Launcher.Ports ports, BootstrapCredential vendor, Path dataDirectory) throws Exception {
        String rbacUrl = "http://127.0.0.1:" + ports.rbac();
        var auth = new dev.latchkey.sdk.auth.invoker.ApiClient();
        auth.updateBaseUri("http://127.0.0.1:" + ports.auth());
        Oauth2Api oauth = new Oauth2Api(auth);
        Map<String, String> basic = ClientSecretBasic.header(vendor.clientId(), vendor.clientSecret());
        UUID tenant = demoTenant(dataDirectory, () -> {
            String jwt = oauth.requestToken("client_credentials", null, null, null, null, null, null, null, basic)
                    .getAccessToken();
            var rbac = new dev.latchkey.sdk.rbac.invoker.ApiClient();
            rbac.updateBaseUri(rbacUrl);
            rbac.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + jwt));
            UUID created = new TenantsApi(rbac).createTenant(new CreateTenantRequest().name(TENANT_NAME)).getId();
            new MembershipsApi(rbac).setMembership(created, USER, new SetMembershipRequest().roleIds(List.of(ADMIN)));
            return created;
        });
        var session = oauth.requestToken(TOKEN_EXCHANGE, null, null, null, null, USER, USER_ID_TYPE, tenant, basic);
        return new Link("http://127.0.0.1:" + ports.token() + "/portal/#tenant=" + tenant + "&session="
                + session.getAccessToken(), session.getExpiresIn() == null ? 0 : session.getExpiresIn());
    }

    @FunctionalInterface
    private interface Maker {
        UUID make() throws Exception;
    }

    /** The demo tenant's id, kept beside the data so that later starts act in the same tenant. */
    private static UUID demoTenant(Path dataDirectory, Maker maker) throws Exception {
        Path file = dataDirectory.resolve("demo-tenant");
        if (Files.exists(file)) {
            return UUID.fromString(Files.readString(file).trim());
        }
        UUID tenant = maker.make();
        try {
            Files.writeString(file, tenant + "\n");
        } catch (IOException e) {
            // the link still works this time; a later start makes another demo tenant
        }
        return tenant;
    }
}
