package dev.latchkey.common.caller;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one rule that tells "the bearer JWT could not be checked because its issuer's keys cannot be fetched" (auth-service's
 * JWKS, or a vendor IdP's metadata) from "the bearer JWT is not valid". What differs is the cause chain: when the
 * keys cannot be loaded, quarkus-oidc's {@code OIDCException} ("OIDC Server is not available", when it first connects
 * to the issuer), or an {@code UnresolvableKeyException} (jose4j's or smallrye-jwt's), is caused by the I/O failure of
 * fetching them (connection refused, timeout, an HTTP error status read as an {@code IOException}). A forged, expired
 * or wrong-issuer token fails after its key was found, and a token whose {@code kid} is not in a JWKS that was
 * fetched fails key resolution without any I/O cause: both stay 401.
 */
public final class KeySetUnavailable {

    private static final Set<String> UNRESOLVABLE_KEY = Set.of("org.jose4j.lang.UnresolvableKeyException",
            "io.smallrye.jwt.auth.UnresolvableKeyException", "io.quarkus.oidc.OIDCException");
    private static final int MAX_DEPTH = 32;

    private KeySetUnavailable() {
    }

    /** Whether {@code failure} is a key that could not be resolved because the key set could not be fetched. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean keyUnresolved = false;
        for (Throwable e = failure; e != null && seen.add(e) && seen.size() <= MAX_DEPTH; e = e.getCause()) {
            if (UNRESOLVABLE_KEY.contains(e.getClass().getName())) {
                keyUnresolved = true;
            } else if (keyUnresolved && e instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
