package dev.latchkey.token.credential;

import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.token.credential.api.CredentialVerdict;
import dev.latchkey.token.credential.api.CredentialVerdict.Reason;
import dev.latchkey.token.credential.api.TokenState;
import dev.latchkey.token.settings.SettingsService;
import dev.latchkey.token.token.ApiToken;
import dev.latchkey.token.token.ApiTokenRepository;
import dev.latchkey.token.token.TokenContext;
import dev.latchkey.token.token.TokenType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/** Decides whether a presented credential may be used now. Never logs or returns a secret or a hash. */
@ApplicationScoped
public class CredentialService {

    private final ApiTokenRepository tokens;
    private final SecretHasher hasher;
    private final SettingsService settings;

    public CredentialService(ApiTokenRepository tokens, SecretHasher hasher, SettingsService settings) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.settings = settings;
    }

    @WithSession
    public Uni<CredentialVerdict> checkClient(String clientId, String clientSecret) {
        // The checksum refuses a mistyped or made-up secret without touching the database.
        if (!SecretFormat.isClientId(clientId) || !SecretFormat.isWellFormed(SecretKind.CLIENT_SECRET, clientSecret)) {
            return refused(Reason.MALFORMED);
        }
        return tokens.findByClientId(clientId).flatMap(token -> {
            if (token == null || token.type != TokenType.CLIENT_CREDENTIALS) {
                return refused(Reason.UNKNOWN);
            }
            return judge(token, hasher.hash(clientSecret));
        });
    }

    @WithSession
    public Uni<CredentialVerdict> checkAccessKey(String accessKey) {
        if (!SecretFormat.isWellFormed(SecretKind.ACCESS_KEY, accessKey)) {
            return refused(Reason.MALFORMED);
        }
        byte[] hash = hasher.hash(accessKey);
        return tokens.findByAccessKeyHash(hash).flatMap(token -> token == null ? refused(Reason.UNKNOWN) : judge(token, hash));
    }

    /** The state of a token known by id (a refresh token's or a JWT's), when it may still be used. */
    @WithSession
    public Uni<CredentialVerdict> state(UUID tokenId) {
        return tokens.findById(tokenId).flatMap(token -> {
            if (token == null) {
                return refused(Reason.UNKNOWN);
            }
            if (token.isExpiredAt(Instant.now())) {
                return refused(Reason.EXPIRED, token.id);
            }
            return settings(token, null);
        });
    }

    /** The current secret, or the previous one during its grace period; then expiry; then the tenant's settings. */
    private Uni<CredentialVerdict> judge(ApiToken token, byte[] presented) {
        Instant now = Instant.now();
        boolean current = MessageDigest.isEqual(presented, token.secretHash);
        boolean previous = token.previousSecretValidAt(now) && MessageDigest.isEqual(presented, token.previousSecretHash);
        if (!current && !previous) {
            return refused(Reason.MISMATCH, token.id);
        }
        if (token.isExpiredAt(now)) {
            return refused(Reason.EXPIRED, token.id);
        }
        return settings(token, current ? null : token.previousSecretExpiresAt);
    }

    private Uni<CredentialVerdict> settings(ApiToken token, Instant acceptedUntil) {
        return settings.effective(token.tenantId).map(effective -> {
            // The vendor's own credential works whatever the settings, so the vendor can never lock itself out.
            if (token.context != TokenContext.VENDOR && !effective.m2mEnabled()) {
                return CredentialVerdict.refused(Reason.DISABLED, token.id);
            }
            return CredentialVerdict.valid(TokenState.of(token, effective), acceptedUntil);
        });
    }

    private static Uni<CredentialVerdict> refused(Reason reason) {
        return Uni.createFrom().item(CredentialVerdict.refused(reason));
    }

    private static Uni<CredentialVerdict> refused(Reason reason, UUID tokenId) {
        return Uni.createFrom().item(CredentialVerdict.refused(reason, tokenId));
    }
}
