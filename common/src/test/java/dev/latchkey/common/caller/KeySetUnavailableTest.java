package dev.latchkey.common.caller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import java.io.IOException;
import java.net.ConnectException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.Test;

/**
 * The JWKS rule over the cause chains smallrye-jwt 4.6 produced in real runs (JwksOutageTest in rbac-service):
 * AuthenticationFailedException, then smallrye-jwt's ParseException (stood in for here by a plain wrapper, it is not
 * on common's class path), then jose4j's UnresolvableKeyException, then the I/O failure of fetching the JWKS.
 */
class KeySetUnavailableTest {

    @Test
    void aKeyThatCannotBeLoadedBecauseTheJwksIsUnreachableIsUnavailability() {
        Throwable fetch = new UnresolvableKeyException(
                "SRJWT07003: Failed to load a key from http://127.0.0.1:1/.well-known/jwks.json",
                new ConnectException("Connection refused"));
        assertTrue(KeySetUnavailable.causedBy(failed(fetch)));
        assertTrue(KeySetUnavailable.causedBy(new UnauthorizedException(failed(fetch))));
        assertTrue(KeySetUnavailable.causedBy(failed(new UnresolvableKeyException("SRJWT07003", new IOException(
                "Server returned HTTP response code: 503")))));
    }

    @Test
    void anIssuerThatQuarkusOidcCannotReachIsUnavailability() {
        // quarkus-oidc, first contact with auth-service or a vendor identity provider
        assertTrue(KeySetUnavailable.causedBy(new AuthenticationFailedException(
                new OIDCException("OIDC Server is not available", new ConnectException("Connection refused")))));
        assertTrue(KeySetUnavailable.causedBy(new OIDCException("OIDC Server is not available",
                new RuntimeException(new java.net.SocketTimeoutException("Read timed out")))));
        // an OIDC failure with no I/O behind it (a configuration it refused) is not
        assertFalse(KeySetUnavailable.causedBy(new OIDCException("Tenant configuration has not been resolved")));
    }

    @Test
    void anUnknownKidOrABadTokenIsNot() {
        // the JWKS was fetched and holds no such kid: no I/O cause
        assertFalse(KeySetUnavailable.causedBy(failed(new UnresolvableKeyException(
                "SRJWT07005: Failed to load a key from http://127.0.0.1:1/.well-known/jwks.json property while resolving"))));
        assertFalse(KeySetUnavailable.causedBy(failed(new InvalidJwtException("JWT rejected due to invalid signature",
                java.util.List.of(), null))));
        assertFalse(KeySetUnavailable.causedBy(new AuthenticationFailedException()));
        // an I/O failure that is not behind an unresolvable key says nothing about the key set
        assertFalse(KeySetUnavailable.causedBy(failed(new ConnectException("Connection refused"))));
    }

    private static AuthenticationFailedException failed(Throwable cause) {
        return new AuthenticationFailedException(new RuntimeException("SRJWT07000: Failed to verify a token", cause));
    }
}
