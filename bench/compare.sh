#!/usr/bin/env bash
# Side by side (issue 11): Latchkey (the run command) and Keycloak (start-dev, from Maven Central) on this machine, one
# after the other in one run, wrk on the same cores. Each system is warmed up for WARMUP seconds with its
# client-credentials exchange at 32 connections, then each path is measured at 8 and 32 connections for DURATION
# seconds (after 3 unmeasured seconds on that path). Per point: req/s, p50, p99, non-200 answers plus socket errors,
# the CPU everything else on the box used meanwhile (busy jiffies of /proc/stat minus wrk's and the system under
# test's process tree), as a share of the box, and the system under test's own CPU per request (a second reading of
# "near the JWKS endpoint", less moved by the rest of the box than req/s, but not by the rate itself: at a higher rate
# each wake-up and system call serves more requests). Plus raw ES256 signing on Latchkey's JDK and provider
# (SignBench.java).
# Outputs: target/bench/compare/ (summary.md, compare.png, results.tsv, the wrk outputs, both systems' logs).
# Needs: wrk (apt-get install -y wrk), jq, curl, gnuplot, the Temurin 25 JDK for Keycloak (KC_JAVA_HOME).
# Usage: [WARMUP=180] [DURATION=20] bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
WARMUP="${WARMUP:-180}"
DURATION="${DURATION:-20}"
OUT=target/bench/compare
KC_VERSION=26.7.3
KC_ZIP="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
KC_HOME="target/bench/keycloak-$KC_VERSION"
KC_JAVA_HOME="${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
KC_PORT=18710 KC_MANAGEMENT_PORT=18711
KC_ADMIN=admin KC_ADMIN_PASSWORD=admin-for-the-bench-only
export LATCHKEY_RBAC_PORT=18701 LATCHKEY_TOKEN_PORT=18702 LATCHKEY_AUTH_PORT=18703
RBAC=http://127.0.0.1:$LATCHKEY_RBAC_PORT TOKEN=http://127.0.0.1:$LATCHKEY_TOKEN_PORT AUTH=http://127.0.0.1:$LATCHKEY_AUTH_PORT
KC=http://127.0.0.1:$KC_PORT
for tool in wrk jq curl gnuplot; do
  command -v $tool >/dev/null || { echo "$tool is missing: apt-get update && apt-get install -y $tool" >&2; exit 1; }
done
[ -x "$KC_JAVA_HOME/bin/java" ] || { echo "no JDK at KC_JAVA_HOME=$KC_JAVA_HOME (Keycloak $KC_VERSION needs 21+)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.tsv "$OUT"/*.md "$OUT"/*.png "$OUT"/*.log "$OUT"/*.dat

# everything this script starts runs in a process group of its own, stopped on any exit (bench/lib.sh)
lk_fresh_data_dir

SUT_ROOTS=""  # the system under test's processes (with their descendants)
printf 'system\tpath\tconns\trps\tp50_ms\tp99_ms\terrors\tother_cpu_pct\tirq_pct\tsut_cpu_us\n' > "$OUT/results.tsv"

point() { # system path connections url [form body] [Authorization header]
  local system=$1 path=$2 c=$3 url=$4 body=${5:-} auth=${6:-}
  local file="$OUT/$system-$path-c$c.txt" box0 box1 sut0 sut1 wrk0 wrk1
  BENCH_BODY=$body BENCH_AUTH=$auth wrk -t2 -c"$c" -d3s -s bench/compare.lua "$url" > /dev/null 2>&1
  box0=$(box_jiffies); sut0=$(tree_jiffies $SUT_ROOTS); wrk0=$(children_jiffies)
  BENCH_BODY=$body BENCH_AUTH=$auth wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/compare.lua "$url" > "$file" 2>&1
  wrk1=$(children_jiffies); box1=$(box_jiffies); sut1=$(tree_jiffies $SUT_ROOTS)
  local rps p50 p99 errors other sut_us
  rps=$(wrk_rps "$file"); p50=$(wrk_p "$file" 50); p99=$(wrk_p "$file" 99); errors=$(wrk_errors "$file")
  # the system under test's own CPU per request: less moved by the rest of the box than req/s (not by the rate itself)
  sut_us=$(awk -v s="$((sut1 - sut0))" -v hz="$CLK_TCK" -v n="$rps" -v d="$DURATION" 'BEGIN { printf "%.1f", (n > 0 ? 1e6 * s / hz / (n * d) : 0) }')
  # softirq (loopback networking, largely) is in /proc/stat but in no process's utime/stime: shown apart
  other=$(awk -v x="$box0" -v y="$box1" -v s="$((sut1 - sut0))" -v w="$((wrk1 - wrk0))" 'BEGIN {
      split(x, b, " "); split(y, a, " "); all = a[2] - b[2]
      printf "%.1f\t%.1f", 100 * (a[1] - b[1] - s - w) / all, 100 * (a[3] - b[3]) / all }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$path" "$c" "$rps" "$p50" "$p99" "$errors" "$other" "$sut_us" \
      >> "$OUT/results.tsv"
  printf '%-9s %-15s c=%-3s %8s req/s  p50 %7s ms  p99 %7s ms  errors %-6s other CPU %5s%% (irq+softirq %s%%)  own CPU %s us/req\n' \
      "$system" "$path" "$c" "$rps" "$p50" "$p99" "$errors" "${other%	*}" "${other#*	}" "$sut_us"
}

warm_up() { # system url body auth
  echo "warming $1 up: $WARMUP s of its client-credentials exchange at 32 connections"
  BENCH_BODY=$3 BENCH_AUTH=$4 wrk -t2 -c32 -d"${WARMUP}s" -s bench/compare.lua "$2" > "$OUT/$1-warm-up.txt" 2>&1
  awk '/Requests\/sec/ {print "  warm-up: " $2 " req/s"} /^non-200:/ {print "  warm-up " $0}' "$OUT/$1-warm-up.txt"
}

echo "== $(date -u +%FT%TZ) on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- Latchkey ------------------------------------------------------------------------------------------------------
# The run command builds while holding the shared Maven lock; the lock is let go once the services are up.
lk_start "$OUT/latchkey.log"
ID=$LK_VENDOR_ID SECRET=$LK_VENDOR_SECRET
# The embedded PostgreSQL may live outside the launcher's tree (pg_ctl detaches it): count it by its data directory.
SUT_ROOTS=$(lk_roots)
# the launcher chooses the services' JDK (JDK 25 with its AOT cache where there is one): it says which
LK_JAVA=$(grep -m1 -oE "the services run on .*" "$OUT/latchkey.log" | sed "s/the services run on //" || true)
LK_JAVA=${LK_JAVA:-$(java -version 2>&1 | head -1)}
LK_PROVIDER=$(grep -oE "ES256 signatures: .*" "$OUT/latchkey.log" | head -1 | sed 's/ES256 signatures: //')
echo "Latchkey: $LK_JAVA; auth-service signs with: ${LK_PROVIDER:-unknown}"

VENDOR=$(lk_vendor_jwt "$AUTH")
TENANT=$(post_json "$RBAC/tenants" "$VENDOR" '{"name":"Bench"}' | jq -r .id)
READER=$(post_json "$RBAC/tenants/$TENANT/roles" "$VENDOR" \
    '{"key":"bench-reader","name":"Bench reader","level":20,"permissions":["tokens.tenant.read"]}' | jq -r .id)
WRITER=$(post_json "$RBAC/tenants/$TENANT/roles" "$VENDOR" \
    '{"key":"bench-writer","name":"Bench writer","level":15,"permissions":["tokens.tenant.read","tokens.tenant.write"]}' | jq -r .id)
CLIENT=$(post_json "$TOKEN/tenants/$TENANT/tokens" "$VENDOR" \
    "{\"type\":\"CLIENT_CREDENTIALS\",\"description\":\"bench\",\"roleIds\":[\"$READER\",\"$WRITER\"]}")
CC_ID=$(jq -r .token.clientId <<< "$CLIENT")
CC_SECRET=$(jq -r .clientSecret <<< "$CLIENT")
ACCESS_KEY=$(post_json "$TOKEN/tenants/$TENANT/tokens" "$VENDOR" \
    "{\"type\":\"ACCESS_TOKEN\",\"description\":\"bench\",\"roleIds\":[\"$READER\",\"$WRITER\"]}" | jq -r .accessKey)
[[ "$CC_ID" == lk_ci_* && "$ACCESS_KEY" == lk_at_* ]] || { echo "Latchkey set-up failed: $CLIENT" >&2; exit 1; }
LK_CC_BODY="grant_type=client_credentials"
LK_CC_AUTH=$(basic "$CC_ID" "$CC_SECRET")
LK_KEY_BODY="grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$ACCESS_KEY&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
LK_INTROSPECTOR=$(basic "$ID" "$SECRET")
lk_jwt() { curl -sf -H "Authorization: $LK_CC_AUTH" -d "$LK_CC_BODY" "$AUTH/oauth/token" | jq -r .access_token; }
lk_active() { curl -sf -H "Authorization: $LK_INTROSPECTOR" --data-urlencode "token=$1" "$AUTH/oauth/introspect" | jq -r .active; }
# a JWT of the tenant token carries both roles, and the introspecting vendor sees it active
[ "$(lk_jwt | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r '.roles | length' 2>/dev/null || true)" = 2 ] \
  || echo "warning: the tenant JWT does not show two roles (payload decoding is best-effort)"
[ "$(lk_active "$ACCESS_KEY")" = true ] || { echo "the access key does not introspect as active" >&2; exit 1; }
curl -sf -d "$LK_KEY_BODY" "$AUTH/oauth/token" | jq -e .access_token > /dev/null \
  || { echo "the access-key exchange failed" >&2; exit 1; }

warm_up latchkey "$AUTH/oauth/token" "$LK_CC_BODY" "$LK_CC_AUTH"
for c in 8 32; do
  point latchkey cc-exchange "$c" "$AUTH/oauth/token" "$LK_CC_BODY" "$LK_CC_AUTH"
  point latchkey key-exchange "$c" "$AUTH/oauth/token" "$LK_KEY_BODY"
  JWT=$(lk_jwt)
  point latchkey introspect-jwt "$c" "$AUTH/oauth/introspect" "token=$JWT" "$LK_INTROSPECTOR"
  [ "$(lk_active "$JWT")" = true ] || echo "warning: the introspected JWT was no longer active after the point"
  point latchkey introspect-key "$c" "$AUTH/oauth/introspect" "token=$ACCESS_KEY" "$LK_INTROSPECTOR"
  point latchkey jwks "$c" "$AUTH/.well-known/jwks.json"
done
LK_RSS=$(for p in $(pgrep -g "$LAUNCHER" -f quarkus-run.jar); do awk '/VmRSS/ {print $2}' "/proc/$p/status"; done \
    | awk '{printf "%s%d MB", (NR > 1 ? ", " : ""), $1 / 1024}')
echo "Latchkey services' RSS after load: $LK_RSS"
# the java auth-service ran on, for the signing baseline below
LK_JAVA_BIN=$(readlink -f "/proc/$(lk_service_pid auth-service)/exe" 2>/dev/null || command -v java)
lk_stop

# --- raw ES256 signing on the same JDK and provider, with nothing else running ----------------------------------------
"$LK_JAVA_BIN" -cp "auth-service/target/quarkus-app/lib/main/*" bench/SignBench.java 5 | tee "$OUT/raw-signing.txt"

# --- Keycloak --------------------------------------------------------------------------------------------------------
if [ ! -f "$KC_ZIP" ]; then
  flock "$LK_MVN_LOCK" ./mvnw -B -q dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -Dtransitive=false
fi
if [ ! -f "$KC_HOME/.complete" ]; then
  rm -rf "$KC_HOME" target/bench/keycloak-unzip && mkdir -p target/bench/keycloak-unzip
  unzip -q "$KC_ZIP" -d target/bench/keycloak-unzip
  mv "target/bench/keycloak-unzip/keycloak-$KC_VERSION" "$KC_HOME" && rmdir target/bench/keycloak-unzip
  touch "$KC_HOME/.complete"
fi
rm -rf "$KC_HOME/data"  # a fresh dev database each run
KC_BEGAN=$(date +%s)
JAVA_HOME="$KC_JAVA_HOME" KC_BOOTSTRAP_ADMIN_USERNAME=$KC_ADMIN KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD \
  setsid bash "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$KC_PORT \
  --http-management-port=$KC_MANAGEMENT_PORT --hostname-strict=false > "$OUT/keycloak.log" 2>&1 &
KEYCLOAK=$!
STARTED="$STARTED $KEYCLOAK"
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$KC/realms/master")" = 200 ] && break
  kill -0 "$KEYCLOAK" 2>/dev/null || break
  sleep 1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$KC/realms/master")" = 200 ] || { echo "Keycloak did not start; see $OUT/keycloak.log" >&2; exit 1; }
echo "Keycloak $KC_VERSION answered after $(( $(date +%s) - KC_BEGAN )) s on $("$KC_JAVA_HOME/bin/java" -version 2>&1 | head -1)"
SUT_ROOTS="$KEYCLOAK"

ADMIN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=$KC_ADMIN -d password=$KC_ADMIN_PASSWORD \
    "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token)
# a JWT lives an hour, so that the one introspected stays active through its points; Keycloak 26 answers inactive to an
# introspecting client that is not in the token's audience, hence the audience mapper on bench-client
post_json "$KC/admin/realms" "$ADMIN" '{"realm":"bench","enabled":true,"sslRequired":"none","accessTokenLifespan":3600}'
for role in bench-reader bench-writer; do post_json "$KC/admin/realms/bench/roles" "$ADMIN" "{\"name\":\"$role\"}"; done
post_json "$KC/admin/realms/bench/clients" "$ADMIN" '{"clientId":"bench-client","enabled":true,"publicClient":false,
  "clientAuthenticatorType":"client-secret","secret":"bench-client-secret","serviceAccountsEnabled":true,
  "standardFlowEnabled":false,"directAccessGrantsEnabled":false,"protocol":"openid-connect",
  "protocolMappers":[{"name":"audience bench-introspector","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
    "config":{"included.client.audience":"bench-introspector","access.token.claim":"true","id.token.claim":"false",
      "introspection.token.claim":"true"}}]}'
post_json "$KC/admin/realms/bench/clients" "$ADMIN" '{"clientId":"bench-introspector","enabled":true,"publicClient":false,
  "clientAuthenticatorType":"client-secret","secret":"bench-introspector-secret","serviceAccountsEnabled":false,
  "standardFlowEnabled":false,"directAccessGrantsEnabled":false,"protocol":"openid-connect"}'
KC_CLIENT=$(curl -sf -H "Authorization: Bearer $ADMIN" "$KC/admin/realms/bench/clients?clientId=bench-client" | jq -r '.[0].id')
KC_SA=$(curl -sf -H "Authorization: Bearer $ADMIN" "$KC/admin/realms/bench/clients/$KC_CLIENT/service-account-user" | jq -r .id)
ROLES=$(for role in bench-reader bench-writer; do
  curl -sf -H "Authorization: Bearer $ADMIN" "$KC/admin/realms/bench/roles/$role"; done | jq -s -c .)
post_json "$KC/admin/realms/bench/users/$KC_SA/role-mappings/realm" "$ADMIN" "$ROLES"
KC_CC_BODY="grant_type=client_credentials"
KC_CC_AUTH=$(basic bench-client bench-client-secret)
KC_INTROSPECTOR=$(basic bench-introspector bench-introspector-secret)
KC_TOKEN_URL="$KC/realms/bench/protocol/openid-connect/token"
kc_jwt() { curl -sf -H "Authorization: $KC_CC_AUTH" -d "$KC_CC_BODY" "$KC_TOKEN_URL" | jq -r .access_token; }
kc_active() { curl -sf -H "Authorization: $KC_INTROSPECTOR" --data-urlencode "token=$1" "$KC_TOKEN_URL/introspect" | jq -r .active; }
KC_ROLES=$(kc_jwt | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -c '.realm_access.roles' 2>/dev/null || true)
echo "Keycloak's bench-client JWT carries realm roles: ${KC_ROLES:-(could not decode)}"
[ "$(kc_active "$(kc_jwt)")" = true ] || { echo "Keycloak's introspection does not answer active" >&2; exit 1; }

warm_up keycloak "$KC_TOKEN_URL" "$KC_CC_BODY" "$KC_CC_AUTH"
for c in 8 32; do
  point keycloak cc-exchange "$c" "$KC_TOKEN_URL" "$KC_CC_BODY" "$KC_CC_AUTH"
  JWT=$(kc_jwt)
  point keycloak introspect-jwt "$c" "$KC_TOKEN_URL/introspect" "token=$JWT" "$KC_INTROSPECTOR"
  [ "$(kc_active "$JWT")" = true ] || echo "warning: the introspected JWT was no longer active after the point"
  point keycloak jwks "$c" "$KC/realms/bench/protocol/openid-connect/certs"
done
KC_RSS=$(pgrep -g "$KEYCLOAK" java | while read -r p; do awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$p/status"; done)
echo "Keycloak's RSS after load: $KC_RSS"
stop_group "$KEYCLOAK"
STARTED="${STARTED/ $KEYCLOAK/}"

# --- the table and the chart -------------------------------------------------------------------------------------
SIGN=$(signing_rate "$OUT/raw-signing.txt" provider)
SIGN_JDK=$(signing_rate "$OUT/raw-signing.txt" jdk)
{
  echo "# Latchkey vs Keycloak $KC_VERSION, $(date -u +%F)"
  echo
  echo "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); wrk on the same cores; warm-up $WARMUP s each," \
       "$DURATION s per point. Latchkey: $LK_JAVA, signing with ${LK_PROVIDER:-unknown}; RSS after load $LK_RSS." \
       "Keycloak: start-dev on $("$KC_JAVA_HOME/bin/java" -version 2>&1 | head -1); RSS after load $KC_RSS." \
       "Raw ES256 signing (2 threads, no HTTP): ${SIGN:-?} signatures/s with the provider, ${SIGN_JDK:-?} with the JDK's."
  echo
  echo "| path | conns | Latchkey req/s | p50 / p99 ms | errors | other CPU | Keycloak req/s | p50 / p99 ms | errors | other CPU | Latchkey / Keycloak | Latchkey / its JWKS | Keycloak / its JWKS | own CPU µs/req Latchkey / Keycloak | Latchkey / its JWKS by own CPU |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  awk -F'\t' 'NR > 1 { k = $2 SUBSEP $3; row[$1, k] = $0; rps[$1, k] = $4; p[$1, k] = $5 " / " $6; e[$1, k] = $7; o[$1, k] = $8 "% (" $9 ")"; us[$1, k] = $10
                       if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
    END {
      for (i = 1; i <= n; i++) {
        split(order[i], kk, SUBSEP); path = kk[1]; c = kk[2]; j = "jwks" SUBSEP c
        lk = (("latchkey", order[i]) in row); kc = (("keycloak", order[i]) in row)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |\n", path, c,
          lk ? rps["latchkey", order[i]] : "—", lk ? p["latchkey", order[i]] : "—", lk ? e["latchkey", order[i]] : "—", lk ? o["latchkey", order[i]] : "—",
          kc ? rps["keycloak", order[i]] : "—", kc ? p["keycloak", order[i]] : "—", kc ? e["keycloak", order[i]] : "—", kc ? o["keycloak", order[i]] : "—",
          lk && kc ? sprintf("%.1f×", rps["latchkey", order[i]] / rps["keycloak", order[i]]) : "—",
          lk ? sprintf("%.0f%%", 100 * rps["latchkey", order[i]] / rps["latchkey", j]) : "—",
          kc ? sprintf("%.0f%%", 100 * rps["keycloak", order[i]] / rps["keycloak", j]) : "—",
          lk ? us["latchkey", order[i]] : "—", kc ? us["keycloak", order[i]] : "—",
          (lk && us["latchkey", order[i]] > 0) ? sprintf("%.0f%%", 100 * us["latchkey", j] / us["latchkey", order[i]]) : "—"
      }
    }' "$OUT/results.tsv"
  echo
  echo "Errors: non-200 answers plus wrk's socket errors. Other CPU: the box's busy CPU (/proc/stat) not used by wrk or the system under test's processes, as a share of the box; in brackets the part of it spent in irq/softirq (loopback networking: no process is charged for it). Own CPU: the system under test's processes' CPU (utime + stime, all of them) per request, which the rest of the box moves less than req/s (it falls as the rate rises: more requests per wake-up and system call); by own CPU: the JWKS endpoint's own CPU per request over the path's."
} > "$OUT/summary.md"
echo
cat "$OUT/summary.md"

awk -F'\t' 'NR > 1 { k = $2 " @" $3; r[$1, k] = $4; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
  END { for (i = 1; i <= n; i++) { k = order[i]; printf "\"%s\" %s %s\n", k, ((("latchkey", k) in r) ? r["latchkey", k] : "-"), ((("keycloak", k) in r) ? r["keycloak", k] : "-") } }' \
  "$OUT/results.tsv" > "$OUT/chart.dat"
gnuplot -e "dat='$OUT/chart.dat'; png='$OUT/compare.png'; title='Latchkey vs Keycloak $KC_VERSION: req/s per path at 8 and 32 connections ($(nproc) shared cores, warm-up $WARMUP s, $DURATION s per point, $(date -u +%F))'" bench/compare.gp
echo "table: $OUT/summary.md; chart: $OUT/compare.png; raw: $OUT/results.tsv"
