package dev.latchkey.token.token;

/** Whose token it is: the vendor's (no tenant), a tenant's, or one user's in one tenant. */
public enum TokenContext {
    VENDOR,
    TENANT,
    PERSONAL
}
