-- Tenant and personal tokens: roles (or permissions), metadata, rolling with a grace period.
ALTER TABLE api_token ADD COLUMN role_ids                   text[]      NOT NULL DEFAULT '{}';
ALTER TABLE api_token ADD COLUMN permissions                text[]      NOT NULL DEFAULT '{}';
ALTER TABLE api_token ADD COLUMN metadata                   jsonb       NOT NULL DEFAULT '{}';
-- Enough to recognise a secret in a list ("lk_at_...x9Fq"): the last characters, which are checksum.
ALTER TABLE api_token ADD COLUMN secret_hint                varchar(32) NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN previous_secret_hash       bytea CHECK (octet_length(previous_secret_hash) = 32);
ALTER TABLE api_token ADD COLUMN previous_secret_expires_at timestamptz;
ALTER TABLE api_token ADD COLUMN updated_at                 timestamptz;
ALTER TABLE api_token ADD COLUMN expiry_announced           boolean     NOT NULL DEFAULT false;
UPDATE api_token SET updated_at = created_at;
ALTER TABLE api_token ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE api_token ADD CHECK (context <> 'PERSONAL' OR user_id IS NOT NULL);

-- An access key is looked up by its hash; a client secret through its client id.
CREATE UNIQUE INDEX api_token_access_key ON api_token (secret_hash) WHERE type = 'ACCESS_TOKEN';
CREATE INDEX api_token_previous_access_key ON api_token (previous_secret_hash)
    WHERE type = 'ACCESS_TOKEN' AND previous_secret_hash IS NOT NULL;
CREATE INDEX api_token_tenant_list ON api_token (tenant_id, context, created_at DESC, id DESC);
CREATE INDEX api_token_owner_list ON api_token (tenant_id, user_id, created_at DESC, id DESC) WHERE context = 'PERSONAL';
CREATE INDEX api_token_unannounced_expiry ON api_token (expires_at) WHERE NOT expiry_announced AND expires_at IS NOT NULL;

-- The application's M2M settings (one row) and each tenant's tightening of them (NULL = as the application).
CREATE TABLE application_settings (
    id                     smallint PRIMARY KEY CHECK (id = 1),
    m2m_enabled            boolean      NOT NULL,
    token_types            text[]       NOT NULL,
    max_expiry_minutes     integer CHECK (max_expiry_minutes > 0),
    jwt_lifetime_seconds   integer      NOT NULL CHECK (jwt_lifetime_seconds BETWEEN 30 AND 86400),
    refresh_tokens_enabled boolean      NOT NULL,
    updated_by             varchar(200) NOT NULL,
    updated_at             timestamptz  NOT NULL
);
INSERT INTO application_settings VALUES
    (1, true, ARRAY['CLIENT_CREDENTIALS', 'ACCESS_TOKEN'], NULL, 300, true, 'migration', now());

CREATE TABLE tenant_settings (
    tenant_id              uuid PRIMARY KEY,
    m2m_enabled            boolean,
    token_types            text[],
    max_expiry_minutes     integer CHECK (max_expiry_minutes > 0),
    jwt_lifetime_seconds   integer CHECK (jwt_lifetime_seconds BETWEEN 30 AND 86400),
    refresh_tokens_enabled boolean,
    updated_by             varchar(200) NOT NULL,
    updated_at             timestamptz  NOT NULL
);

-- Append-only audit log: who did what to which token, when, from where; and failed uses reported by auth-service.
CREATE TABLE audit_event (
    id          uuid PRIMARY KEY,
    tenant_id   uuid,
    occurred_at timestamptz  NOT NULL,
    actor       varchar(200) NOT NULL,
    action      varchar(64)  NOT NULL,
    token_id    uuid,
    source      varchar(100),
    detail      jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_tenant ON audit_event (tenant_id, occurred_at DESC, id DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

-- Where this service is in rbac-service's change feed; moved in the same transaction as the changes it caused.
CREATE TABLE feed_cursor (
    source     varchar(32) PRIMARY KEY,
    cursor     bigint      NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The outbox behind GET /internal/changes (ADR 0006): numbered under an advisory lock held to commit, NOTIFY at commit.
CREATE SEQUENCE outbox_id_seq;
CREATE TABLE outbox (
    id         bigint PRIMARY KEY,
    type       varchar(64) NOT NULL,
    tenant_id  uuid,
    data       jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
ALTER SEQUENCE outbox_id_seq OWNED BY outbox.id;

CREATE FUNCTION outbox_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7261002);
    NEW.id := nextval('outbox_id_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_number BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_number();

CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('latchkey_changes', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
