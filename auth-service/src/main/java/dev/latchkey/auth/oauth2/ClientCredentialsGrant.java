package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.CredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** {@code grant_type=client_credentials}: a client id and secret in, a signed JWT (and a refresh token) out. */
@Singleton
public class ClientCredentialsGrant {

    public static final String GRANT_TYPE = "client_credentials";

    private final CredentialStore credentials;
    private final Issuance issuance;
    private final Failures failures;

    public ClientCredentialsGrant(CredentialStore credentials, Issuance issuance, Failures failures) {
        this.credentials = credentials;
        this.issuance = issuance;
        this.failures = failures;
    }

    public Uni<TokenResponse> grant(TokenRequest request) {
        ClientAuthentication client = request.requireClient();
        return failures.guarded(client.clientId(), request.source(), credentials.client(client.clientId(), client.clientSecret())
                .flatMap(verdict -> {
                    if (!verdict.valid()) {
                        failures.failed(verdict.tokenIdOrNull(), client.clientId(), verdict.reason(), request.source());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                    return issuance.forToken(verdict.token(), verdict.acceptedUntil(), request.param("scope"),
                            new Issuance.Refresh.Offer(verdict.presentedGeneration()), null);
                }));
    }
}
