-- bench/scale.sh: rbac-service's side of the 1,000-tenant database, as the API would have left it (tenants, two
-- tenant roles each, ten members each: one Admin, nine Members, two of whom also hold the tenant's writer role).
-- Ids are derived from the tenant's number, so the token side (tokens.sql) and the script can name them without
-- asking. Old enough (created 90 days ago) that the outbox retention (P7D) would have pruned their change rows.
-- psql -v tenants=N
BEGIN;
INSERT INTO tenant (id, name, created_by, created_at, updated_at, metadata, external_id)
SELECT md5('scale-tenant-' || t)::uuid, 'Scale tenant ' || t, 'bench', now() - interval '90 days' + t * interval '1 second',
       now() - interval '90 days' + t * interval '1 second', jsonb_build_object('plan', CASE WHEN t % 10 = 0 THEN 'enterprise' ELSE 'team' END),
       'scale-' || t
FROM generate_series(0, :tenants - 1) AS t;

INSERT INTO role (id, tenant_id, role_key, name, description, level, permissions, built_in, created_at, updated_at)
SELECT md5('scale-role-' || r.key || '-' || t)::uuid, md5('scale-tenant-' || t)::uuid, r.key, r.name, '', r.level,
       r.permissions, false, now() - interval '90 days', now() - interval '90 days'
FROM generate_series(0, :tenants - 1) AS t,
     (VALUES ('bench-reader', 'Bench reader', 20, ARRAY['tokens.tenant.read']),
             ('bench-writer', 'Bench writer', 15, ARRAY['tokens.tenant.read', 'tokens.tenant.write'])) AS r (key, name, level, permissions);

INSERT INTO membership (id, tenant_id, user_id, created_by, created_at)
SELECT md5('scale-member-' || t || '-' || u)::uuid, md5('scale-tenant-' || t)::uuid, 'user-' || t || '-' || u, 'bench',
       now() - interval '90 days'
FROM generate_series(0, :tenants - 1) AS t, generate_series(0, 9) AS u;

INSERT INTO role_assignment (id, membership_id, role_id)
SELECT md5('scale-assignment-' || t || '-' || u)::uuid, md5('scale-member-' || t || '-' || u)::uuid,
       CASE WHEN u = 0 THEN '00000000-0000-4000-8000-000000000001' ELSE '00000000-0000-4000-8000-000000000010' END::uuid
FROM generate_series(0, :tenants - 1) AS t, generate_series(0, 9) AS u
UNION ALL
SELECT md5('scale-assignment-w-' || t || '-' || u)::uuid, md5('scale-member-' || t || '-' || u)::uuid,
       md5('scale-role-bench-writer-' || t)::uuid
FROM generate_series(0, :tenants - 1) AS t, generate_series(1, 2) AS u;
COMMIT;
ANALYZE;
