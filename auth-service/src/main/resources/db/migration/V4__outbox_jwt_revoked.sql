-- auth-service publishes a change feed too (ADR 0011): every JWT revoked at /oauth/revoke is announced, so that
-- rbac-service and token-service refuse it within a second. The outbox is the same as the other services' (ADR 0006).
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

-- The revocation and its announcement are one write: whoever inserts into revoked_jwt, the feed tells of it.
CREATE FUNCTION announce_revoked_jwt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox (type, data)
    VALUES ('jwt.revoked', jsonb_build_object('jti', NEW.jti, 'expiresAt', NEW.expires_at));
    RETURN NULL;
END $$;
CREATE TRIGGER announce_revoked_jwt AFTER INSERT ON revoked_jwt FOR EACH ROW EXECUTE FUNCTION announce_revoked_jwt();
