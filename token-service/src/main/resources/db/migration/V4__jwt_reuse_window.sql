-- The reuse window (ADR 0019): for how many seconds after issuing a JWT auth-service may hand that same JWT back to the
-- same credential asking again, instead of signing a new one. 0, the default, never; a tenant may only shorten it.
ALTER TABLE application_settings ADD COLUMN jwt_reuse_seconds integer NOT NULL DEFAULT 0
    CHECK (jwt_reuse_seconds BETWEEN 0 AND 43200);
ALTER TABLE tenant_settings ADD COLUMN jwt_reuse_seconds integer CHECK (jwt_reuse_seconds BETWEEN 0 AND 43200);
