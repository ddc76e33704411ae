package dev.latchkey.token.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.common.changefeed.ChangeType;
import dev.latchkey.common.changefeed.Payload;
import dev.latchkey.common.api.Metadata;
import dev.latchkey.common.api.Page;
import dev.latchkey.common.caller.CallerClaims;
import dev.latchkey.common.changefeed.Outbox;
import dev.latchkey.common.problem.Problem;
import dev.latchkey.common.problem.ProblemException;
import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import dev.latchkey.common.access.Permission;
import dev.latchkey.token.access.AccessPolicy;
import dev.latchkey.token.access.AccessPolicy.Action;
import dev.latchkey.token.audit.Actor;
import dev.latchkey.token.audit.AuditLog;
import dev.latchkey.token.settings.EffectiveSettings;
import dev.latchkey.token.settings.SettingsService;
import dev.latchkey.token.token.api.CreateTokenRequest;
import dev.latchkey.token.token.api.CreatedTokenResponse;
import dev.latchkey.token.token.api.TokenResponse;
import dev.latchkey.token.token.api.UpdateTokenRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The life of tenant and personal tokens. Every change is one transaction with its outbox row and its audit entry;
 * the questions for rbac-service (level and permission rules, roles held) are asked before the transaction opens.
 */
@ApplicationScoped
public class ApiTokenService {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final ApiTokenRepository tokens;
    private final SettingsService settings;
    private final AccessPolicy policy;
    private final Outbox outbox;
    private final AuditLog audit;
    private final SecretHasher hasher;
    private final ObjectMapper json;

    public ApiTokenService(ApiTokenRepository tokens, SettingsService settings, AccessPolicy policy, Outbox outbox,
            AuditLog audit, SecretHasher hasher, ObjectMapper json) {
        this.tokens = tokens;
        this.settings = settings;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.hasher = hasher;
        this.json = json;
    }

    public Uni<CreatedTokenResponse> create(UUID tenantId, TokenContext context, CreateTokenRequest request,
            CallerClaims caller, Actor actor) {
        List<UUID> roleIds = orEmpty(request.roleIds());
        List<String> permissions = orEmpty(request.permissionIds());
        Map<String, Object> metadata = Metadata.checked("metadata", request.metadata(), json);
        AccessPolicy.require(caller, tenantId, AccessPolicy.permission(context, Action.WRITE));
        boolean allRoles = context == TokenContext.PERSONAL && request.roleIds() == null;
        if (context == TokenContext.TENANT) {
            requireOneKindOfRights(roleIds, permissions, true);
        } else {
            requireUser(caller);
            requireNoPermissions(permissions);
            requireSomeRolesOrAll(request.roleIds());
        }
        Uni<Void> allowed = policy.requireGrantable(tenantId, caller, context, caller.userId(), allRoles, roleIds, permissions);
        return settings.effectiveInSession(tenantId)
                .invoke(effective -> requireCreatable(effective, request))
                .call(effective -> allowed)
                .flatMap(effective -> Panache.withTransaction(() -> {
                    ApiToken token = new ApiToken();
                    token.id = UUID.randomUUID();
                    token.context = context;
                    token.type = request.type();
                    token.tenantId = tenantId;
                    token.userId = context == TokenContext.PERSONAL ? caller.userId() : null;
                    token.description = request.description() == null ? null : request.description().strip();
                    token.roleIds = roleIds.stream().distinct().map(UUID::toString).toArray(String[]::new);
                    token.allRoles = allRoles;
                    token.permissions = permissions.stream().distinct().toArray(String[]::new);
                    token.metadata = metadata;
                    token.createdBy = actor.subject();
                    token.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    token.updatedAt = token.createdAt;
                    token.expiresAt = request.expiresInMinutes() == null ? null
                            : token.createdAt.plus(Duration.ofMinutes(request.expiresInMinutes()));
                    NewSecret secret = NewSecret.assign(token, hasher);
                    return tokens.persist(token)
                            .call(t -> announce(ChangeType.TOKEN_CREATED, tenantId, actor, describe(t, null, null, null)))
                            .map(t -> secret.response(t));
                }));
    }

    public Uni<Page<TokenResponse>> list(UUID tenantId, TokenContext context, String userId, int page, int size,
            CallerClaims caller) {
        Uni<String> owner;
        if (context == TokenContext.TENANT) {
            AccessPolicy.require(caller, tenantId, Permission.TOKENS_TENANT_READ);
            owner = Uni.createFrom().nullItem();
        } else {
            owner = personalOwner(tenantId, userId, caller);
        }
        return owner.flatMap(user -> Panache.withSession(() -> tokens.page(tenantId, context, user, page, size)
                .flatMap(items -> tokens.countIn(tenantId, context, user).map(total ->
                        new Page<>(items.stream().map(TokenResponse::from).toList(), page, size, total)))));
    }

    public Uni<TokenResponse> get(UUID tenantId, TokenContext context, UUID tokenId, CallerClaims caller) {
        return visible(tenantId, context, tokenId, caller, Action.READ).map(TokenResponse::from);
    }

    public Uni<TokenResponse> update(UUID tenantId, TokenContext context, UUID tokenId, UpdateTokenRequest request,
            CallerClaims caller, Actor actor) {
        Map<String, Object> metadata = request.metadata() == null ? null : Metadata.checked("metadata", request.metadata(), json);
        if (context == TokenContext.PERSONAL && request.roleIds() != null) {
            requireSomeRolesOrAll(request.roleIds());
        }
        return visible(tenantId, context, tokenId, caller, Action.WRITE)
                .call(token -> {
                    boolean rightsChange = request.roleIds() != null || request.permissionIds() != null;
                    if (!rightsChange) {
                        return Uni.createFrom().voidItem();
                    }
                    List<UUID> roleIds = request.roleIds() != null ? request.roleIds()
                            : TokenResponse.from(token).roleIds();
                    List<String> permissions = request.permissionIds() != null ? request.permissionIds()
                            : List.of(token.permissions);
                    if (context == TokenContext.TENANT) {
                        requireOneKindOfRights(roleIds, permissions, false);
                    } else {
                        requireNoPermissions(permissions);
                    }
                    return policy.requireGrantable(tenantId, caller, context, token.userId, false, roleIds, permissions);
                })
                .flatMap(checked -> Panache.withTransaction(() -> tokens.findIn(tenantId, context, tokenId).flatMap(token -> {
                    if (token == null) {
                        throw tokenNotFound(tokenId);
                    }
                    List<String> changed = new ArrayList<>();
                    if (request.description() != null) {
                        token.description = request.description().strip();
                        changed.add("description");
                    }
                    if (request.roleIds() != null) {
                        token.roleIds = request.roleIds().stream().distinct().map(UUID::toString).toArray(String[]::new);
                        token.allRoles = false;
                        changed.add("roleIds");
                    }
                    if (request.permissionIds() != null) {
                        token.permissions = request.permissionIds().stream().distinct().toArray(String[]::new);
                        changed.add("permissionIds");
                    }
                    if (metadata != null) {
                        token.metadata = metadata;
                        changed.add("metadata");
                    }
                    token.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return announce(ChangeType.TOKEN_UPDATED, tenantId, actor, describe(token, changed, null, null))
                            .map(x -> TokenResponse.from(token));
                })));
    }

    /** A new secret, shown once; the old one works until the grace period ends (at once without one). */
    public Uni<CreatedTokenResponse> roll(UUID tenantId, TokenContext context, UUID tokenId, int graceMinutes,
            CallerClaims caller, Actor actor) {
        return visible(tenantId, context, tokenId, caller, Action.WRITE)
                .flatMap(checked -> Panache.withTransaction(() -> tokens.findIn(tenantId, context, tokenId).flatMap(token -> {
                    if (token == null) {
                        throw tokenNotFound(tokenId);
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    token.previousSecretHash = graceMinutes > 0 ? token.secretHash : null;
                    token.previousSecretExpiresAt = graceMinutes > 0 ? now.plus(Duration.ofMinutes(graceMinutes)) : null;
                    NewSecret secret = NewSecret.roll(token, hasher);
                    token.secretGeneration++;
                    token.updatedAt = now;
                    Instant oldSecretUntil = graceMinutes > 0 ? token.previousSecretExpiresAt : now;
                    return announce(ChangeType.TOKEN_ROLLED, tenantId, actor, describe(token, null, graceMinutes, oldSecretUntil))
                            .map(x -> secret.response(token));
                })));
    }

    /** Final: the row is gone; the change feed tells auth-service, which refuses it from then on. */
    public Uni<Void> delete(UUID tenantId, TokenContext context, UUID tokenId, CallerClaims caller, Actor actor) {
        return visible(tenantId, context, tokenId, caller, Action.DELETE)
                .flatMap(checked -> Panache.withTransaction(() -> tokens.findIn(tenantId, context, tokenId).flatMap(token -> {
                    if (token == null) {
                        throw tokenNotFound(tokenId);
                    }
                    Payload.Token detail = describe(token, null, null, null);
                    return tokens.delete(token).call(() -> announce(ChangeType.TOKEN_DELETED, tenantId, actor, detail));
                })));
    }

    /**
     * The token, when the caller may act on it: the permission for the context; personal tokens by their owner, or (to
     * read or delete) by a caller who manages users and reaches the owner's roles (otherwise 404, as a missing one);
     * and to change, roll or delete it, the reach to create it now (managing is granting; AccessPolicy).
     */
    private Uni<ApiToken> visible(UUID tenantId, TokenContext context, UUID tokenId, CallerClaims caller, Action action) {
        AccessPolicy.require(caller, tenantId, AccessPolicy.permission(context, action));
        return Panache.withSession(() -> tokens.findIn(tenantId, context, tokenId)).flatMap(token -> {
            if (token == null) {
                return Uni.createFrom().failure(tokenNotFound(tokenId));
            }
            Uni<Void> owner = Uni.createFrom().voidItem();
            if (context == TokenContext.PERSONAL && !token.userId.equals(caller.userId())) {
                if (action == Action.WRITE || !AccessPolicy.holds(caller, Permission.USERS_WRITE)) {
                    return Uni.createFrom().failure(tokenNotFound(tokenId));
                }
                owner = policy.requireOverUser(tenantId, caller, token.userId);
            }
            Uni<Void> reach = action == Action.READ ? Uni.createFrom().voidItem() : policy.requireReach(caller, token);
            return owner.chain(() -> reach).replaceWith(token);
        });
    }

    /** Whose personal tokens: the caller's own, or another user's for a caller who manages users and reaches them. */
    private Uni<String> personalOwner(UUID tenantId, String userId, CallerClaims caller) {
        AccessPolicy.require(caller, tenantId, Permission.TOKENS_PERSONAL_READ);
        if (userId == null || userId.equals(caller.userId())) {
            if (caller.userId() == null) {
                throw ProblemException.invalid("userId", "required for a caller that is not a user");
            }
            return Uni.createFrom().item(caller.userId());
        }
        return policy.requireOverUser(tenantId, caller, userId).replaceWith(userId);
    }

    private static void requireUser(CallerClaims caller) {
        if (caller.userId() == null) {
            throw ProblemException.forbidden("Personal tokens belong to a user: call with the user's own token or session");
        }
    }

    /** "All of the user's roles" is said by leaving roleIds out, never by an empty list (ADR 0008). */
    private static void requireSomeRolesOrAll(List<UUID> roleIds) {
        if (roleIds != null && roleIds.isEmpty()) {
            throw ProblemException.invalid("roleIds", "name at least one role, or leave roleIds out for all of the user's roles");
        }
    }

    private static void requireCreatable(EffectiveSettings effective, CreateTokenRequest request) {
        if (!effective.m2mEnabled()) {
            throw settingsViolation("type", "API tokens are disabled for this tenant");
        }
        if (!effective.tokenTypes().contains(request.type())) {
            throw settingsViolation("type", request.type() + " tokens are not enabled (enabled: " + effective.tokenTypes() + ")");
        }
        Integer max = effective.maxExpiryMinutes();
        if (max != null && request.expiresInMinutes() == null) {
            throw settingsViolation("expiresInMinutes", "required: tokens must expire within " + max + " minutes");
        }
        if (max != null && request.expiresInMinutes() > max) {
            throw settingsViolation("expiresInMinutes", "at most " + max + " minutes are allowed");
        }
    }

    private static void requireOneKindOfRights(List<UUID> roleIds, List<String> permissions, boolean creating) {
        if (!roleIds.isEmpty() && !permissions.isEmpty()) {
            throw ProblemException.invalid("permissionIds", "give roleIds or permissionIds, not both");
        }
        if (creating && roleIds.isEmpty() && permissions.isEmpty()) {
            throw ProblemException.invalid("roleIds", "give roleIds or permissionIds");
        }
    }

    private static void requireNoPermissions(List<String> permissions) {
        if (!permissions.isEmpty()) {
            throw ProblemException.invalid("permissionIds", "a personal token is narrowed by roleIds only");
        }
    }

    private static ProblemException settingsViolation(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + "settings", "Not allowed by the settings", 400,
                field + ": " + message, List.of(new Problem.Violation(field, message))));
    }

    static ProblemException tokenNotFound(UUID tokenId) {
        return ProblemException.notFound("Token " + tokenId);
    }

    /** One change, told the same way to the feed and the audit log, in the caller's transaction. */
    private Uni<Void> announce(ChangeType type, UUID tenantId, Actor actor, Payload.Token detail) {
        return outbox.append(type, tenantId, detail)
                .call(() -> audit.record(tenantId, actor, type.wire, detail.tokenId(), json.convertValue(detail, DETAIL)));
    }

    /** What the feed and the audit log say about a token: ids and settings, never a secret or a hash. */
    public static Payload.Token describe(ApiToken t, List<String> changed, Integer graceMinutes, Instant oldSecretUntil) {
        return new Payload.Token(t.id, t.type.name(), t.context.name(), t.userId, t.clientId, List.of(t.roleIds),
                t.context == TokenContext.PERSONAL ? t.allRoles : null, List.of(t.permissions), t.expiresAt, changed,
                graceMinutes, oldSecretUntil, null);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A freshly generated secret, held only until the response that shows it. */
    private record NewSecret(String clientSecret, String accessKey) {

        static NewSecret assign(ApiToken token, SecretHasher hasher) {
            if (token.type == TokenType.CLIENT_CREDENTIALS) {
                token.clientId = SecretFormat.newClientId();
            }
            return roll(token, hasher);
        }

        static NewSecret roll(ApiToken token, SecretHasher hasher) {
            boolean client = token.type == TokenType.CLIENT_CREDENTIALS;
            String secret = SecretFormat.generate(client ? SecretKind.CLIENT_SECRET : SecretKind.ACCESS_KEY);
            token.secretHash = hasher.hash(secret);
            token.secretHint = SecretFormat.hint(secret);
            return client ? new NewSecret(secret, null) : new NewSecret(null, secret);
        }

        CreatedTokenResponse response(ApiToken token) {
            return new CreatedTokenResponse(TokenResponse.from(token), clientSecret, accessKey);
        }

        @Override
        public String toString() {
            return "NewSecret[redacted]";
        }
    }
}
