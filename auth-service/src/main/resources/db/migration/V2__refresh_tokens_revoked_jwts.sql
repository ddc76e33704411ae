-- Refresh tokens (rotating): only the HMAC of the lk_rt_ secret is stored. A family is one chain of rotations; reuse of
-- a used member ends the whole family.
CREATE TABLE refresh_token (
    id         uuid PRIMARY KEY,
    hash       bytea       NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
    token_id   uuid        NOT NULL,
    family_id  uuid        NOT NULL,
    scope      varchar(2000),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_token_live ON refresh_token (token_id, created_at DESC) WHERE used_at IS NULL;
CREATE INDEX refresh_token_family ON refresh_token (family_id);

-- JWTs revoked through RFC 7009, until they expire: introspection answers active=false for them.
CREATE TABLE revoked_jwt (
    jti        varchar(64) PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
