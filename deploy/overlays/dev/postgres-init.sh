#!/bin/sh
# Run once by the postgres image on an empty data directory: one login role and one database per service,
# named and protected by the Secrets latchkey-db-rbac, latchkey-db-token and latchkey-db-auth.
set -eu
create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v user="$1" -v pw="$2" -v db="$3" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"user";
SQL
}
create "$RBAC_DB_USER" "$RBAC_DB_PASSWORD" latchkey_rbac
create "$TOKEN_DB_USER" "$TOKEN_DB_PASSWORD" latchkey_token
create "$AUTH_DB_USER" "$AUTH_DB_PASSWORD" latchkey_auth
