package dev.latchkey.rbac.role.api;

/** Limits of role fields, shared by the requests and the schema. */
public final class RoleRules {

    public static final String KEY_REGEX = "^[A-Za-z][A-Za-z0-9_.-]*$";
    public static final int MAX_LEVEL = 1000;

    private RoleRules() {
    }
}
