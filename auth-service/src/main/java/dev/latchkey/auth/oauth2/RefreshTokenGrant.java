package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.credential.TokenState;
import dev.latchkey.auth.refresh.RefreshTokens;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code grant_type=refresh_token}: rotating (RFC 6749 section 6, OAuth 2.0 Security BCP 4.14.2). Refresh tokens are
 * issued only to client-credentials tokens, which are confidential clients, so the client must authenticate
 * (client_secret_basic or client_secret_post) and be the API token the refresh token belongs to. The family ends when
 * the secret it was made with stops working; a spent token presented again ends it too.
 */
@Singleton
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
        ClientAuthentication client = request.requireClient();
        // The client and its API token are checked before the refresh token is spent, so that a retry after a 503 is
        // not mistaken for reuse (which would end the family).
        return failures.guarded(client.clientId(), request.source(), credentials.client(client.clientId(), client.clientSecret())
                .flatMap(verdict -> {
                    if (!verdict.valid()) {
                        failures.failed(verdict.tokenIdOrNull(), client.clientId(), verdict.reason(), request.source());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                    TokenState token = verdict.token();
                    Issuance.Refresh.Rotate rotate = new Issuance.Refresh.Rotate(presented, client.clientId(), request.source());
                    return refreshTokens.peek(presented).flatMap(live -> {
                        if (live == null || !live.tokenId().equals(token.tokenId())) {
                            // unknown, spent, expired or another client's: the rotation says which (and ends a reused family)
                            return issuance.forToken(token, verdict.acceptedUntil(), null, rotate, null);
                        }
                        if (!live.secretStillWorks(token, Instant.now())) {
                            failures.failed(token.tokenId(), client.clientId(), "REFRESH_SECRET_ROLLED", request.source());
                            return refreshTokens.endFamily(live.familyId()).<TokenResponse>map(x -> {
                                throw OAuthError.invalidGrant("The refresh token was issued for a secret that has been rolled");
                            });
                        }
                        String scope = narrowerScope(live.scope(), request.param("scope"));
                        return issuance.forToken(token, verdict.acceptedUntil(), scope, rotate, null);
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
