package dev.latchkey.common.idp;

import io.smallrye.mutiny.Uni;

/**
 * Who a user is in a tenant now: rbac-service answers from its database, token-service asks rbac-service. The one
 * question an identity-provider token needs answered before it may act (IdentityProviderSessions).
 */
public interface UserDirectory {

    Uni<UserSession> open(UserSession.Question question);
}
