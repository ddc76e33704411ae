package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.refresh.RefreshTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/**
 * {@code grant_type=refresh_token}: rotating (RFC 6749 section 6, OAuth 2.0 Security BCP 4.14.2): a new refresh
 * token each time, the used one spent, a spent one presented again ends the family. The API token must still be
 * good; a client that authenticates must be the token's own.
 */
@ApplicationScoped
public class RefreshTokenGrant {

    public static final String GRANT_TYPE = "refresh_token";

    private final RefreshTokens refreshTokens;
    private final CredentialStore credentials;
    private final Issuance issuance;
    private final Failures failures;

    public RefreshTokenGrant(RefreshTokens refreshTokens, CredentialStore credentials, Issuance issuance, Failures failures) {
        this.refreshTokens = refreshTokens;
        this.credentials = credentials;
        this.issuance = issuance;
        this.failures = failures;
    }

    public Uni<TokenResponse> grant(TokenRequest request) {
        String presented = request.requireParam("refresh_token");
        ClientAuthentication client = request.optionalClient();
        String clientId = client == null ? null : client.clientId();
        return failures.guarded(clientId, request.source(), refreshTokens.redeem(presented).flatMap(outcome -> {
            if (outcome.refusal() != null) {
                failures.failed(null, clientId, "REFRESH_" + outcome.refusal(), request.source());
                throw OAuthError.invalidGrant("The refresh token is not valid");
            }
            RefreshTokens.Redeemed redeemed = outcome.redeemed();
            return credentials.byTokenId(redeemed.tokenId()).flatMap(verdict -> {
                if (!verdict.valid()) {
                    failures.failed(redeemed.tokenId(), clientId, verdict.reason(), request.source());
                    throw OAuthError.invalidGrant("The API token of this refresh token is no longer valid");
                }
                if (client != null && !client.clientId().equals(verdict.token().clientId())) {
                    throw OAuthError.invalidGrant("The refresh token was not issued to this client");
                }
                String scope = narrowerScope(redeemed.scope(), request.param("scope"));
                return issuance.forToken(verdict.token(), scope, true, redeemed.familyId(), null);
            });
        }));
    }

    /** A refresh may ask for less than the original grant, never more. */
    private static String narrowerScope(String original, String requested) {
        if (requested == null) {
            return original;
        }
        if (original != null) {
            List<String> allowed = Arrays.asList(original.trim().split("\\s+"));
            for (String key : requested.trim().split("\\s+")) {
                if (!allowed.contains(key)) {
                    throw OAuthError.invalidScope("The original grant did not include " + key);
                }
            }
        }
        return requested;
    }
}
