-- Signing keys. The private half is encrypted with AES-256-GCM under the master key from configuration
-- (12-byte nonce || ciphertext and tag, the kid as associated data), so a database dump cannot sign.
CREATE TABLE signing_key (
    kid         varchar(64) PRIMARY KEY,
    algorithm   varchar(16) NOT NULL CHECK (algorithm IN ('ES256', 'RS256', 'EdDSA')),
    public_jwk  text        NOT NULL,
    private_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    -- Published in the JWKS from creation; used for signing from this instant on.
    signs_from  timestamptz NOT NULL,
    -- No longer signs; stays published until every token it signed has expired.
    retired_at  timestamptz
);
