package dev.latchkey.system;

/** The vendor bootstrap credential as token-service printed it on first start. */
public record BootstrapCredential(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "BootstrapCredential[clientId=" + clientId + "]";
    }
}
