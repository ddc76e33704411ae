package dev.latchkey.auth.credential;

/** A presented client id and secret, as token-service checks them. */
public record ClientCredentialCheck(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ClientCredentialCheck[clientId=" + clientId + "]";
    }
}
