-- API tokens. Only the HMAC-SHA-256 of a secret is stored (ADR 0002); the secret itself exists only
-- in the response that created it.
CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    context      varchar(16)  NOT NULL CHECK (context IN ('VENDOR', 'TENANT', 'PERSONAL')),
    type         varchar(32)  NOT NULL CHECK (type IN ('CLIENT_CREDENTIALS', 'ACCESS_TOKEN')),
    tenant_id    uuid,
    user_id      varchar(200),
    client_id    varchar(64)  UNIQUE,
    secret_hash  bytea        NOT NULL CHECK (octet_length(secret_hash) = 32),
    bootstrap    boolean      NOT NULL DEFAULT false,
    description  varchar(500),
    created_by   varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    CHECK (context = 'VENDOR' OR tenant_id IS NOT NULL),
    CHECK (type <> 'CLIENT_CREDENTIALS' OR client_id IS NOT NULL)
);

-- At most one vendor bootstrap credential, even when several replicas start at once.
CREATE UNIQUE INDEX api_token_single_bootstrap ON api_token (bootstrap) WHERE bootstrap;
