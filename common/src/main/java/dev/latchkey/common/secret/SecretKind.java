package dev.latchkey.common.secret;

/** The kinds of secret Latchkey issues, each with the prefix that lets a scanner recognise it offline. */
public enum SecretKind {
    CLIENT_SECRET("lk_cs_"),
    ACCESS_KEY("lk_at_"),
    REFRESH_TOKEN("lk_rt_");

    private final String prefix;

    SecretKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
