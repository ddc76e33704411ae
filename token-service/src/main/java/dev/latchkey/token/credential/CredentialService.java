package dev.latchkey.token.credential;

import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.token.credential.api.CredentialVerdict;
import dev.latchkey.token.credential.api.CredentialVerdict.Reason;
import dev.latchkey.token.credential.api.TokenState;
import dev.latchkey.token.token.ApiTokenRepository;
import dev.latchkey.token.token.TokenType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Decides whether a presented credential may be used now. Logs client ids, never secrets. */
@ApplicationScoped
public class CredentialService {

    private final ApiTokenRepository tokens;
    private final SecretHasher hasher;

    public CredentialService(ApiTokenRepository tokens, SecretHasher hasher) {
        this.tokens = tokens;
        this.hasher = hasher;
    }

    @WithSession
    public Uni<CredentialVerdict> checkClient(String clientId, String clientSecret) {
        // The checksum refuses a mistyped or made-up secret without touching the database.
        if (!SecretFormat.isClientId(clientId) || !SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, clientSecret)) {
            return Uni.createFrom().item(CredentialVerdict.refused(Reason.MALFORMED));
        }
        return tokens.findByClientId(clientId).map(token -> {
            if (token == null || token.type != TokenType.CLIENT_CREDENTIALS) {
                return CredentialVerdict.refused(Reason.UNKNOWN);
            }
            if (!hasher.matches(clientSecret, token.secretHash)) {
                return CredentialVerdict.refused(Reason.MISMATCH);
            }
            if (token.isExpiredAt(Instant.now())) {
                return CredentialVerdict.refused(Reason.EXPIRED);
            }
            return CredentialVerdict.valid(TokenState.of(token));
        });
    }
}
