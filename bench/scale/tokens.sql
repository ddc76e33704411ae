-- bench/scale.sh: token-service's rows for tenants :first..:last, :per tokens each, in the mix and shape the API
-- stores (ADR 0002, V1-V3 migrations): 60% tenant client credentials, 30% tenant access keys, 10% personal access
-- keys of the tenant's members; both bench roles on tenant tokens, all roles on personal ones; a fifth expiring in a
-- year, a third used lately. Their secrets are 256 random bits nobody keeps, as for every stored row: secret_hash is
-- a random 32-byte value, indistinguishable from an HMAC. The script's known tokens (known.tsv, hashed by the
-- services' own code, ScaleSecrets.java) come first and count in :per (:known_tenant must be in :first..:last). Created more than 7 days ago (in the last
-- 90): their token.created changes would have left the outbox (retention P7D), so no outbox rows are written.
-- psql -v first=A -v last=B -v per=N -v known=/path/known.tsv -v known_tenant=T
BEGIN;
CREATE TEMP TABLE known (type text, client_id text, secret text, hash text, hint text) ON COMMIT DROP;
-- \copy takes no variables; a variable holding the whole command does
\set copy_known '\\copy known FROM ' :'known'
:copy_known
INSERT INTO api_token (id, context, type, tenant_id, user_id, client_id, secret_hash, bootstrap, description, created_by,
                       created_at, expires_at, last_used_at, role_ids, permissions, metadata, secret_hint,
                       previous_secret_hash, previous_secret_expires_at, updated_at, expiry_announced, all_roles,
                       secret_generation)
SELECT gen_random_uuid(), 'TENANT', k.type, md5('scale-tenant-' || :known_tenant)::uuid, NULL,
       NULLIF(k.client_id, '-'), decode(k.hash, 'hex'), false, 'bench known ' || k.type, 'user-' || :known_tenant || '-0',
       now() - interval '8 days', NULL, NULL,
       ARRAY[md5('scale-role-bench-reader-' || :known_tenant)::uuid::text, md5('scale-role-bench-writer-' || :known_tenant)::uuid::text],
       '{}', '{}', k.hint, NULL, NULL, now() - interval '8 days', false, false, 0
FROM known k;

INSERT INTO api_token (id, context, type, tenant_id, user_id, client_id, secret_hash, bootstrap, description, created_by,
                       created_at, expires_at, last_used_at, role_ids, permissions, metadata, secret_hint,
                       previous_secret_hash, previous_secret_expires_at, updated_at, expiry_announced, all_roles,
                       secret_generation)
SELECT gen_random_uuid(),
       CASE WHEN j % 10 = 9 THEN 'PERSONAL' ELSE 'TENANT' END,
       CASE WHEN j % 10 < 6 THEN 'CLIENT_CREDENTIALS' ELSE 'ACCESS_TOKEN' END,
       md5('scale-tenant-' || t)::uuid,
       CASE WHEN j % 10 = 9 THEN 'user-' || t || '-' || (j / 10) % 10 END,
       CASE WHEN j % 10 < 6 THEN 'lk_ci_' || substr(md5('scale-client-' || t || '-' || j), 1, 22) END,
       sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())),
       false, 'bulk token ' || j, 'user-' || t || '-' || j % 3, c.at,
       CASE WHEN (j / 10) % 5 = 0 THEN c.at + interval '455 days' END,
       CASE WHEN j % 3 = 0 THEN now() - (j % 97) * interval '1 hour' END,
       CASE WHEN j % 10 = 9 THEN '{}'::text[]
            ELSE ARRAY[md5('scale-role-bench-reader-' || t)::uuid::text, md5('scale-role-bench-writer-' || t)::uuid::text] END,
       '{}', CASE WHEN j % 4 = 0 THEN jsonb_build_object('env', 'prod', 'team', 'team-' || j % 7) ELSE '{}' END,
       CASE WHEN j % 10 < 6 THEN 'lk_cs_...' ELSE 'lk_at_...' END || substr(md5('hint-' || t || '-' || j), 1, 4),
       NULL, NULL, c.at, false, j % 10 = 9, 0
FROM generate_series(:first, :last) AS t,
     generate_series(CASE WHEN t = :known_tenant THEN (SELECT count(*) FROM known)::int ELSE 0 END, :per - 1) AS j,
     LATERAL (SELECT now() - interval '90 days' + (j * (:last + 1) + t) * (interval '82 days' / (:last + 1) / :per) AS at) AS c
-- in creation order, tenants interleaved, as rows arrive in a live table: a tenant's tokens are spread over the heap
ORDER BY c.at;
COMMIT;
VACUUM ANALYZE api_token;
