-- A refresh family is one chain of rotations. It remembers the generation of its API token's secret that started it,
-- so that it ends when that secret stops working (a roll, at once or after its grace), and it keeps its spent members
-- for as long as it lives, so that a spent one presented again ends it however late that is (ADR 0010).
CREATE TABLE refresh_family (
    id                uuid PRIMARY KEY,
    token_id          uuid        NOT NULL,
    -- null for families made before this column, or while token-service does not say: those are not tied to a secret
    secret_generation integer,
    created_at        timestamptz NOT NULL,
    -- when its newest member expires; the family (spent members too) is deleted after that
    expires_at        timestamptz NOT NULL
);
CREATE INDEX refresh_family_token ON refresh_family (token_id);
CREATE INDEX refresh_family_expiry ON refresh_family (expires_at);

INSERT INTO refresh_family (id, token_id, secret_generation, created_at, expires_at)
SELECT family_id, (array_agg(token_id))[1], NULL, min(created_at), max(expires_at) FROM refresh_token GROUP BY family_id;

ALTER TABLE refresh_token ADD CONSTRAINT refresh_token_family FOREIGN KEY (family_id)
    REFERENCES refresh_family (id) ON DELETE CASCADE;
