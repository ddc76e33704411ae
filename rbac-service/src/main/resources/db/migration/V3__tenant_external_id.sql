-- The vendor's own key for a tenant (its account id), so that a vendor identity provider's token may name the tenant
-- by it (latchkey.idp.<name>.tenant-key=external-id). Optional, unique when set.
ALTER TABLE tenant ADD COLUMN external_id varchar(200);
CREATE UNIQUE INDEX tenant_external_id_idx ON tenant (external_id) WHERE external_id IS NOT NULL;
