package dev.latchkey.token.token;

/** How a token is used: a client id + secret exchanged for a JWT, or one opaque key sent as X-API-KEY. */
public enum TokenType {
    CLIENT_CREDENTIALS,
    ACCESS_TOKEN
}
