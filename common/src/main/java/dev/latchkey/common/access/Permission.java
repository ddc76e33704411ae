package dev.latchkey.common.access;

/**
 * The built-in permission keys (SPEC.md "Who calls the management APIs"), spelled once. rbac-service seeds them; every
 * service's access policy checks them by these names.
 */
public final class Permission {

    public static final String ALL = "*";
    public static final String TOKENS_TENANT_READ = "tokens.tenant.read";
    public static final String TOKENS_TENANT_WRITE = "tokens.tenant.write";
    public static final String TOKENS_TENANT_DELETE = "tokens.tenant.delete";
    public static final String TOKENS_PERSONAL_READ = "tokens.personal.read";
    public static final String TOKENS_PERSONAL_WRITE = "tokens.personal.write";
    public static final String TOKENS_PERSONAL_DELETE = "tokens.personal.delete";
    public static final String ROLES_READ = "roles.read";
    public static final String ROLES_WRITE = "roles.write";
    public static final String USERS_READ = "users.read";
    public static final String USERS_WRITE = "users.write";
    public static final String AUDIT_READ = "audit.read";
    public static final String SETTINGS_READ = "settings.read";
    public static final String SETTINGS_WRITE = "settings.write";
    public static final String OAUTH_INTROSPECT = "oauth.introspect";

    /** Every built-in key, as rbac-service seeds them. */
    public static final java.util.List<String> BUILT_IN = java.util.List.of(TOKENS_TENANT_READ, TOKENS_TENANT_WRITE,
            TOKENS_TENANT_DELETE, TOKENS_PERSONAL_READ, TOKENS_PERSONAL_WRITE, TOKENS_PERSONAL_DELETE, ROLES_READ,
            ROLES_WRITE, USERS_READ, USERS_WRITE, AUDIT_READ, SETTINGS_READ, SETTINGS_WRITE, OAUTH_INTROSPECT);

    private Permission() {
    }
}
