#!/usr/bin/env bash
# Scale (issue 11): the same measurements on a 1,000-token database and on a 1,000,000-token one, in one run.
# Latchkey starts from the run command on a fresh data directory. rbac-service's database gets TENANTS tenants by SQL
# (bench/scale/rbac.sql: two roles and ten members each); token-service's gets PER tokens for tenant 0 (the small
# database), the points are measured, then PER tokens for every other tenant (the large one: TENANTS x PER) are loaded
# with one INSERT ... SELECT generate_series (bench/scale/tokens.sql), and the same points are measured again.
# A few loaded tokens have known secrets (made and hashed by the services' own code: bench/ScaleSecrets.java), so the
# exchange is of a bulk-loaded token; the rest have secrets nobody knows, as every stored row does.
# Per database: auth-service restarted alone (SIGTERM; the launcher starts it again), time from its process start to
# /q/health/ready on its management port and to its first 200 exchange (memory empty: token-service and rbac-service
# answer it), its RSS then; a WARMUP s client-credentials warm-up at 32 connections, then DURATION s at 8 and 32
# connections (bench/compare.lua), auth-service's RSS after; the list of tenant 0's tokens (token-service,
# GET /tenants/{t}/tokens, a vendor JWT) at one connection for LIST_SECONDS s, first page and a later one (page 10).
# The bench lock is taken once the services are up (not while the run command builds) and held to the end.
# Outputs: target/bench/scale/ (summary.md, results.tsv, the wrk outputs, EXPLAIN ANALYZE of the list's queries, logs).
# Needs: wrk, jq, curl, psql (postgresql-client). Usage: [TENANTS=1000] [PER=1000] [WARMUP=60] [DURATION=20] bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TENANTS="${TENANTS:-1000}"
PER="${PER:-1000}"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-20}"
LIST_SECONDS="${LIST_SECONDS:-10}"
OUT=target/bench/scale
BENCH_LOCK=/tmp/latchkey-bench.lock
export LATCHKEY_RBAC_PORT=18901 LATCHKEY_TOKEN_PORT=18902 LATCHKEY_AUTH_PORT=18903
TOKEN=http://127.0.0.1:$LATCHKEY_TOKEN_PORT AUTH=http://127.0.0.1:$LATCHKEY_AUTH_PORT
AUTH_READY=http://127.0.0.1:$((LATCHKEY_AUTH_PORT + 1000))/q/health/ready
for tool in wrk jq curl psql; do
  command -v $tool >/dev/null || { echo "$tool is missing: apt-get update && apt-get install -y $tool" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.md "$OUT"/*.log

lk_fresh_data_dir
lk_start "$OUT/latchkey.log"
PG_PORT=$(sed -n 4p "$LATCHKEY_DATA_DIR/postgres/postmaster.pid")
sql() { # service (rbac|token|auth), psql arguments...
  local db=$1; shift
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "latchkey_$db" "$@"
}
# java.util.Properties escapes '=' (base64 padding) with a backslash
PEPPER=$(sed -n 's/^LATCHKEY_SECRET_PEPPER=//p' "$LATCHKEY_DATA_DIR/local-secrets.properties" | sed 's/\\//g')
known_secrets() { # file count: tokens whose secrets the script keeps, hashed with this data directory's pepper
  java -cp "token-service/target/quarkus-app/lib/main/*" bench/ScaleSecrets.java "$PEPPER" "$2" > "$1"
}
load_tokens() { # first-tenant last-tenant known-file known-tenant
  sql token -v first="$1" -v last="$2" -v per="$PER" -v known="$3" -v known_tenant="$4" -f bench/scale/tokens.sql
}
tenant_id() { sql rbac -tA -c "SELECT md5('scale-tenant-$1')::uuid"; }
uptime_ms() { awk '{printf "%d", $1 * 1000}' /proc/uptime; }
started_ms() { awk -v hz="$CLK_TCK" '{sub(/^[0-9]+ \(.*\) /, ""); printf "%d", $20 * 1000 / hz}' "/proc/$1/stat"; }

echo "== $(date -u +%FT%TZ) on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(java -version 2>&1 | head -1)"
echo "loading rbac-service: $TENANTS tenants, 2 roles and 10 members each"
sql rbac -v tenants="$TENANTS" -f bench/scale/rbac.sql
T0=$(tenant_id 0) TLAST=$(tenant_id $((TENANTS - 1)))
known_secrets "$OUT/known-0.tsv" 2
known_secrets "$OUT/known-last.tsv" 2
load_tokens 0 0 "$(pwd)/$OUT/known-0.tsv" 0
echo "token-service holds $(sql token -tA -c 'SELECT count(*) FROM api_token') tokens"

exchange_ok() { # client_id secret -> http status of one exchange
  curl -s -o /dev/null -w '%{http_code}' -u "$1:$2" -d grant_type=client_credentials "$AUTH/oauth/token"
}
key_exchange_ok() { # access key -> http status of one token exchange
  curl -s -o /dev/null -w '%{http_code}' -d grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange \
      -d "subject_token=$1" -d subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token "$AUTH/oauth/token"
}
check_known() { # known file: every known token must be accepted
  local type client secret hash hint status
  while IFS=$'\t' read -r type client secret hash hint; do
    if [ "$type" = CLIENT_CREDENTIALS ]; then status=$(exchange_ok "$client" "$secret"); else status=$(key_exchange_ok "$secret"); fi
    [ "$status" = 200 ] || { echo "a loaded $type token was refused ($status)" >&2; exit 1; }
  done < "$1"
}
CC_ID=$(awk -F'\t' '$1 == "CLIENT_CREDENTIALS" {print $2; exit}' "$OUT/known-0.tsv")
CC_SECRET=$(awk -F'\t' '$1 == "CLIENT_CREDENTIALS" {print $3; exit}' "$OUT/known-0.tsv")
CC_AUTH=$(basic "$CC_ID" "$CC_SECRET")
check_known "$OUT/known-0.tsv"

printf 'database\tmetric\tvalue\n' > "$OUT/results.tsv"
result() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$OUT/results.tsv"; printf '  %-28s %s\n' "$2" "$3"; }

wrk_point() { # database name connections seconds url [body] [auth] -> file
  local file="$OUT/$1-$2-c$3.txt"
  BENCH_BODY=${6:-} BENCH_AUTH=${7:-} wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"$4s" --latency -s bench/compare.lua "$5" > "$file" 2>&1
  echo "$file"
}

restart_auth() { # database: SIGTERM to auth-service, the launcher starts it again; time from its start to ready
  local old new began ready first
  old=$(lk_service_pid auth-service)
  kill -TERM "$old"
  for _ in $(seq 1 600); do new=$(lk_service_pid auth-service || true); [ -n "$new" ] && [ "$new" != "$old" ] && break; sleep 0.05; done
  began=$(started_ms "$new")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$AUTH_READY")" = 200 ]; do sleep 0.02; done
  ready=$(uptime_ms)
  until [ "$(exchange_ok "$CC_ID" "$CC_SECRET")" = 200 ]; do sleep 0.02; done
  first=$(uptime_ms)
  result "$1" auth_ready_ms $((ready - began))
  result "$1" auth_first_exchange_ms $((first - began))
  result "$1" auth_rss_after_start_mb "$(rss_mb "$new")"
}

measure() { # database
  local db=$1 file vendor
  echo "== $db database: $(sql token -tA -c 'SELECT count(*) FROM api_token') tokens, $(sql token -tA -c "SELECT count(*) FROM api_token WHERE tenant_id = '$T0'") in tenant 0"
  result "$db" loadavg_before "$(cut -d' ' -f1 /proc/loadavg)"
  restart_auth "$db"
  echo "  warm-up: $WARMUP s of the exchange at 32 connections"
  BENCH_BODY=grant_type=client_credentials BENCH_AUTH=$CC_AUTH wrk -t2 -c32 -d"${WARMUP}s" -s bench/compare.lua "$AUTH/oauth/token" > "$OUT/$db-warm-up.txt" 2>&1
  local box0 box1 sut0 sut1 wrk0 wrk1 roots
  roots=$(lk_roots)
  box0=$(box_jiffies); sut0=$(tree_jiffies $roots); wrk0=$(children_jiffies)
  for c in 8 32; do
    file=$(wrk_point "$db" exchange "$c" "$DURATION" "$AUTH/oauth/token" grant_type=client_credentials "$CC_AUTH")
    result "$db" "exchange_c${c}_rps" "$(wrk_rps "$file")"
    result "$db" "exchange_c${c}_p99_ms" "$(wrk_p "$file" 99)"
    result "$db" "exchange_c${c}_errors" "$(wrk_errors "$file")"
  done
  wrk1=$(children_jiffies); box1=$(box_jiffies); sut1=$(tree_jiffies $roots)
  # the box's busy CPU used neither by Latchkey nor by wrk (other helpers' builds, the machine), during both points
  result "$db" exchange_other_cpu_pct "$(awk -v x="$box0" -v y="$box1" -v s="$((sut1 - sut0))" -v w="$((wrk1 - wrk0))" 'BEGIN {
      split(x, b, " "); split(y, a, " "); printf "%.1f", 100 * (a[1] - b[1] - s - w) / (a[2] - b[2]) }')"
  result "$db" auth_rss_after_load_mb "$(rss_mb "$(lk_service_pid auth-service)")"
  vendor="Bearer $(lk_vendor_jwt "$AUTH")"
  wrk_point "$db" list-warm-up 1 5 "$TOKEN/tenants/$T0/tokens?size=50" "" "$vendor" > /dev/null
  for page in 0 10; do
    file=$(wrk_point "$db" "list-page$page" 1 "$LIST_SECONDS" "$TOKEN/tenants/$T0/tokens?page=$page&size=50" "" "$vendor")
    result "$db" "list_page${page}_requests" "$(awk '/requests in/ {print $1}' "$file")"
    result "$db" "list_page${page}_p50_ms" "$(wrk_p "$file" 50)"
    result "$db" "list_page${page}_p99_ms" "$(wrk_p "$file" 99)"
    result "$db" "list_page${page}_errors" "$(wrk_errors "$file")"
  done
  # the list's two statements as Hibernate sends them (page 10 of 50), for the record
  sql token -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM api_token WHERE tenant_id = '$T0' AND context = 'TENANT'
      ORDER BY created_at DESC, id DESC OFFSET 500 LIMIT 50" \
      -c "EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM api_token WHERE tenant_id = '$T0' AND context = 'TENANT'" \
      > "$OUT/$db-explain.txt"
}

exec 8>"$BENCH_LOCK"
echo "waiting for the bench lock $BENCH_LOCK"
flock 8
measure small
echo "== loading $((TENANTS - 1)) more tenants x $PER tokens"
LOAD_BEGAN=$(uptime_ms)
load_tokens 1 $((TENANTS - 1)) "$(pwd)/$OUT/known-last.tsv" $((TENANTS - 1))
LOAD_MS=$(( $(uptime_ms) - LOAD_BEGAN ))
TOKENS=$(sql token -tA -c 'SELECT count(*) FROM api_token')
echo "  $TOKENS tokens after $((LOAD_MS / 1000)) s (insert, then VACUUM ANALYZE); table and indexes: $(sql token -tA -c "SELECT pg_size_pretty(pg_total_relation_size('api_token'))")"
check_known "$OUT/known-last.tsv"
check_known "$OUT/known-0.tsv"
measure large
flock -u 8; exec 8>&-
lk_stop

{
  echo "# Scale: $TOKENS tokens vs $PER, $(date -u +%F)"
  echo
  echo "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); $(java -version 2>&1 | head -1);" \
       "$TENANTS tenants; bulk load of $((TOKENS - PER)) tokens: $((LOAD_MS / 1000)) s. Warm-up $WARMUP s, exchange points $DURATION s," \
       "list points $LIST_SECONDS s at 1 connection."
  echo
  echo "| figure | $PER tokens | $TOKENS tokens | large / small |"
  echo "| --- | --- | --- | --- |"
  awk -F'\t' 'NR > 1 { v[$1, $2] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END { for (i = 1; i <= n; i++) { m = order[i]; s = v["small", m]; l = v["large", m]
            printf "| %s | %s | %s | %s |\n", m, s, l, (s + 0 > 0 && m !~ /errors|requests|cpu|loadavg/) ? sprintf("%.2f", l / s) : "—" } }' "$OUT/results.tsv"
} > "$OUT/summary.md"
echo
cat "$OUT/summary.md"
