package dev.latchkey.auth.oauth2;

import dev.latchkey.auth.credential.CredentialStore;
import dev.latchkey.auth.rbac.PermissionResolver;
import dev.latchkey.auth.rbac.RbacClient;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange} (RFC 8693), two ways (ADR 0010):
 * <ul>
 * <li>an access-token key as {@code subject_token} (type {@value #ACCESS_KEY}): a short-lived JWT with the same
 * rights, so a gateway turns {@code X-API-KEY} into a JWT once per JWT lifetime; the key itself authenticates;</li>
 * <li>the vendor's credential (client authentication) with a user id as {@code subject_token} (type
 * {@value #USER_ID}) and {@code tenant_id}: a session JWT of that user, with its current roles and {@code act}
 * naming the vendor.</li>
 * </ul>
 */
@Singleton
public class TokenExchangeGrant {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ACCESS_KEY = Issuance.ACCESS_TOKEN_TYPE;
    public static final String USER_ID = "urn:latchkey:params:oauth:token-type:user-id";

    private final CredentialStore credentials;
    private final Issuance issuance;
    private final Failures failures;
    private final RbacClient rbac;

    public TokenExchangeGrant(CredentialStore credentials, Issuance issuance, Failures failures,
            @RestClient RbacClient rbac) {
        this.credentials = credentials;
        this.issuance = issuance;
        this.failures = failures;
        this.rbac = rbac;
    }

    public Uni<TokenResponse> grant(TokenRequest request) {
        String subject = request.requireParam("subject_token");
        String type = request.requireParam("subject_token_type");
        if (ACCESS_KEY.equals(type)) {
            return failures.guarded(null, request.source(), credentials.accessKey(subject).flatMap(verdict -> {
                if (!verdict.valid()) {
                    failures.failed(verdict.tokenIdOrNull(), null, verdict.reason(), request.source());
                    throw OAuthError.invalidGrant("The subject token is not a valid access-token key");
                }
                return issuance.forToken(verdict.token(), verdict.acceptedUntil(), request.param("scope"),
                        Issuance.Refresh.NONE, Issuance.ACCESS_TOKEN_TYPE);
            }));
        }
        if (USER_ID.equals(type)) {
            return actForUser(request, subject);
        }
        throw OAuthError.invalidRequest("subject_token_type must be " + ACCESS_KEY + " or " + USER_ID);
    }

    private Uni<TokenResponse> actForUser(TokenRequest request, String userId) {
        ClientAuthentication client = request.requireClient();
        UUID tenantId = uuid(request.requireParam("tenant_id"));
        if (userId.length() > 200 || userId.chars().anyMatch(Character::isISOControl)) {
            throw OAuthError.invalidRequest("subject_token is not a user id (1 to 200 characters, no control characters)");
        }
        return failures.guarded(client.clientId(), request.source(), credentials.client(client.clientId(), client.clientSecret())
                .flatMap(verdict -> {
                    if (!verdict.valid()) {
                        failures.failed(verdict.tokenIdOrNull(), client.clientId(), verdict.reason(), request.source());
                        throw OAuthError.invalidClient("Client authentication failed", client.basic());
                    }
                    if (!verdict.token().isVendor()) {
                        throw OAuthError.unauthorizedClient("Only the vendor may act for a user");
                    }
                    return rbac.userAccess(tenantId, userId)
                            .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                            .transform(e -> OAuthError.invalidGrant("No such tenant"))
                            .flatMap(access -> {
                                if (!access.member()) {
                                    throw OAuthError.invalidGrant("The user is not a member of the tenant");
                                }
                                String scope = request.param("scope");
                                if (scope == null || access.roles().isEmpty()) {
                                    PermissionResolver.Rights held = new PermissionResolver.Rights(
                                            access.roles().stream().map(RbacClient.RoleRef::key).toList(), access.permissions(),
                                            true, Map.of());
                                    return issuance.forUser(tenantId, userId, client.clientId(), held, scope);
                                }
                                // a narrowing scope keeps only the roles all of whose permissions it grants: ask what they grant
                                return rbac.rolePermissions(tenantId, new RbacClient.RolePermissionsRequest(
                                                access.roles().stream().map(RbacClient.RoleRef::id).toList(), List.of()))
                                        .flatMap(grants -> {
                                            PermissionResolver.Rights byRole = PermissionResolver.Rights.of(grants);
                                            PermissionResolver.Rights held = new PermissionResolver.Rights(
                                                    access.roles().stream().map(RbacClient.RoleRef::key).toList(),
                                                    access.permissions(), true, byRole.roleGrants());
                                            return issuance.forUser(tenantId, userId, client.clientId(), held, scope);
                                        });
                            });
                }));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidRequest("tenant_id must be a UUID");
        }
    }
}
