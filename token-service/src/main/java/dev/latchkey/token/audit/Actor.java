package dev.latchkey.token.audit;

/**
 * Who did something, for the audit log: the caller's subject (client id or user id) and the address it came from.
 */
public record Actor(String subject, String source) {

    public static final Actor SYSTEM = new Actor("latchkey", null);
}
