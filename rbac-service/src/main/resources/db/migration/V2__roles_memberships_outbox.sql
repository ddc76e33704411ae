-- Tenants carry a small metadata object and remember their last change.
ALTER TABLE tenant ADD COLUMN metadata   jsonb       NOT NULL DEFAULT '{}';
ALTER TABLE tenant ADD COLUMN updated_at timestamptz;
UPDATE tenant SET updated_at = created_at;
ALTER TABLE tenant ALTER COLUMN updated_at SET NOT NULL;

-- Permissions: dotted keys. Roles may grant them by key or by wildcard (tokens.*, *), which is not a row here.
CREATE TABLE permission (
    permission_key varchar(200) PRIMARY KEY CHECK (permission_key ~ '^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$'),
    description    varchar(500) NOT NULL DEFAULT '',
    built_in       boolean      NOT NULL DEFAULT false,
    created_at     timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO permission (permission_key, description, built_in) VALUES
    ('tokens.tenant.read', 'List and read the tenant''s tokens', true),
    ('tokens.tenant.write', 'Create, update and roll the tenant''s tokens', true),
    ('tokens.tenant.delete', 'Delete the tenant''s tokens', true),
    ('tokens.personal.read', 'List and read personal tokens', true),
    ('tokens.personal.write', 'Create, update and roll one''s personal tokens', true),
    ('tokens.personal.delete', 'Delete personal tokens', true),
    ('roles.read', 'Read roles', true),
    ('roles.write', 'Create, change and delete the tenant''s roles', true),
    ('users.read', 'Read the tenant''s users and their roles', true),
    ('users.write', 'Add and remove users, set their roles', true),
    ('audit.read', 'Read the tenant''s audit log', true),
    ('settings.read', 'Read token settings', true),
    ('settings.write', 'Change token settings', true),
    ('oauth.introspect', 'Call token introspection (a gateway''s own credential)', true);

-- Roles: global (tenant_id NULL, the vendor's) or one tenant's. Level 0 is the strongest.
CREATE TABLE role (
    id          uuid PRIMARY KEY,
    tenant_id   uuid REFERENCES tenant (id) ON DELETE CASCADE,
    role_key    varchar(100) NOT NULL CHECK (role_key ~ '^[A-Za-z][A-Za-z0-9_.-]*$'),
    name        varchar(200) NOT NULL,
    description varchar(500) NOT NULL DEFAULT '',
    level       integer      NOT NULL CHECK (level BETWEEN 0 AND 1000),
    permissions text[]       NOT NULL DEFAULT '{}',
    built_in    boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX role_global_key ON role (role_key) WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX role_tenant_key ON role (tenant_id, role_key) WHERE tenant_id IS NOT NULL;

INSERT INTO role (id, tenant_id, role_key, name, description, level, permissions, built_in, created_at, updated_at) VALUES
    ('00000000-0000-4000-8000-000000000001', NULL, 'Admin', 'Admin', 'Everything in the tenant', 0, ARRAY['*'], true, now(), now()),
    ('00000000-0000-4000-8000-000000000010', NULL, 'Member', 'Member',
     'Reads the tenant; full control of one''s own personal tokens', 10,
     ARRAY['tokens.tenant.read', 'tokens.personal.*', 'roles.read', 'users.read', 'audit.read', 'settings.read'],
     true, now(), now());

-- Users' memberships in tenants, and their roles there.
CREATE TABLE membership (
    id         uuid PRIMARY KEY,
    tenant_id  uuid         NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    user_id    varchar(200) NOT NULL,
    created_by varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL,
    UNIQUE (tenant_id, user_id)
);

CREATE TABLE role_assignment (
    id            uuid PRIMARY KEY,
    membership_id uuid NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
    role_id       uuid NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    UNIQUE (membership_id, role_id)
);
CREATE INDEX role_assignment_role ON role_assignment (role_id);

-- The outbox behind GET /internal/changes. A row is numbered under an advisory lock held to commit, so rows become
-- visible in id order and a reader's cursor never skips a change that commits later; NOTIFY fires at commit only.
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
