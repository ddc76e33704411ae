package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.ClientCredentialCheck;
import dev.latchkey.auth.credential.TokenServiceClient;
import dev.latchkey.auth.jwt.JwtIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** {@code grant_type=client_credentials}: a client id and secret in, a signed JWT out. */
@ApplicationScoped
public class ClientCredentialsGrant {

    public static final String GRANT_TYPE = "client_credentials";
    private static final Logger LOG = Logger.getLogger(ClientCredentialsGrant.class);

    private final TokenServiceClient tokenService;
    private final JwtIssuer issuer;

    public ClientCredentialsGrant(@RestClient TokenServiceClient tokenService, JwtIssuer issuer) {
        this.tokenService = tokenService;
        this.issuer = issuer;
    }

    public Uni<TokenResponse> grant(ClientAuthentication client) {
        return tokenService.checkClient(new ClientCredentialCheck(client.clientId(), client.clientSecret()))
                .onFailure().transform(e -> {
                    LOG.warnf("Credential check for client %s failed: %s", client.clientId(), e.getClass().getSimpleName());
                    return OAuthError.temporarilyUnavailable("Credentials cannot be checked right now; retry shortly");
                })
                .map(verdict -> {
                    if (!verdict.valid()) {
                        LOG.debugf("Refused client %s: %s", client.clientId(), verdict.reason());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                    return issuer.issue(verdict.token());
                });
    }
}
