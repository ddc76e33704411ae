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
        // Everything that can fail for reasons other than the refresh token itself is checked before it is spent, so
        // that a retry after a 503 is not mistaken for reuse (which would end the family).
        Uni<Void> clientOk = client == null ? Uni.createFrom().voidItem()
                : credentials.client(client.clientId(), client.clientSecret()).invoke(verdict -> {
                    if (!verdict.valid()) {
                        failures.failed(null, client.clientId(), verdict.reason(), request.source());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                }).replaceWithVoid();
        return failures.guarded(clientId, request.source(), clientOk.chain(() -> refreshTokens.peek(presented)).flatMap(live -> {
            if (live == null) {
                return spend(presented, clientId, request).replaceWith((TokenResponse) null);
            }
            return credentials.byTokenId(live.tokenId()).flatMap(verdict -> {
                if (!verdict.valid()) {
                    failures.failed(live.tokenId(), clientId, verdict.reason(), request.source());
                    throw OAuthError.invalidGrant("The API token of this refresh token is no longer valid");
                }
                if (client != null && !client.clientId().equals(verdict.token().clientId())) {
                    throw OAuthError.invalidGrant("The refresh token was not issued to this client");
                }
                String scope = narrowerScope(live.scope(), request.param("scope"));
                return spend(presented, clientId, request)
                        .flatMap(redeemed -> issuance.forToken(verdict.token(), scope, true, redeemed.familyId(), null));
            });
        }));
    }

    /** Spends the refresh token; a spent, expired or unknown one is invalid_grant (and a spent one ends its family). */
    private Uni<RefreshTokens.Redeemed> spend(String presented, String clientId, TokenRequest request) {
        return refreshTokens.redeem(presented).map(outcome -> {
            if (outcome.refusal() != null) {
                failures.failed(null, clientId, "REFRESH_" + outcome.refusal(), request.source());
                throw OAuthError.invalidGrant("The refresh token is not valid");
            }
            return outcome.redeemed();
        });
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
