-- Tenants: the vendor's customer accounts. Everything else in rbac-service belongs to one.
CREATE TABLE tenant (
    id         uuid PRIMARY KEY,
    name       varchar(200) NOT NULL,
    created_by varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL
);

-- Lists are newest first; the id breaks ties so pages never overlap.
CREATE INDEX tenant_created_at_idx ON tenant (created_at DESC, id DESC);
