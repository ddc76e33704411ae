#!/usr/bin/env bash
# Exchange throughput and latency (client credentials -> signed JWT) against baselines measured in the same run:
#   raw signing (the ceiling: jose4j + the provider auth-service uses, no HTTP) and a near-trivial endpoint of the same
#   service (GET /.well-known/jwks.json, a constant string from memory). Figures are reported as ratios: the machines
#   are shared and noisy. Needs: a JDK, wrk (apt-get install wrk). Usage: bench/exchange.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION="${1:-15}"
OUT=target/bench
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

export LATCHKEY_RBAC_PORT=18081 LATCHKEY_TOKEN_PORT=18082 LATCHKEY_AUTH_PORT=18083
# The run command (it builds) in its own process group, stopped with its data directory on exit (bench/lib.sh).
lk_fresh_data_dir
lk_start "$OUT/services.log"
export LK_BASIC=$(printf '%s:%s' "$LK_VENDOR_ID" "$LK_VENDOR_SECRET" | base64 -w0)
AUTH=http://127.0.0.1:18083

echo "== $(date -u +%FT%TZ) on $(nproc) cores, $(java -version 2>&1 | head -1)"
java -cp "auth-service/target/quarkus-app/lib/main/*" bench/SignBench.java 5 | tee "$OUT/raw-signing.txt"

run() { # name connections url [script]
  local name=$1 c=$2 url=$3 script=${4:-}
  wrk -t2 -c"$c" -d3s ${script:+-s "$script"} "$url" > /dev/null 2>&1  # warm-up
  wrk -t2 -c"$c" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url" > "$OUT/$name-c$c.txt" 2>&1
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$name-c$c.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/$name-c$c.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/$name-c$c.txt")
  printf '%-10s c=%-3s %10s req/s  p50 %-8s p99 %-8s\n' "$name" "$c" "$rps" "$p50" "$p99" | tee -a "$OUT/summary.txt"
}
: > "$OUT/summary.txt"
for c in 8 32; do
  run jwks "$c" "$AUTH/.well-known/jwks.json"
  run exchange "$c" "$AUTH/oauth/token" bench/exchange.lua
done
grep -h "unexpected status" "$OUT"/exchange-*.txt | sort | uniq -c || true
awk '/^jwks/ {j[$2]=$3} /^exchange/ {e[$2]=$3} END {for (c in e) printf "exchange/jwks %s: %.2f\n", c, e[c]/j[c]}' "$OUT/summary.txt"
SIGN=$(signing_rate "$OUT/raw-signing.txt" provider)
[ -n "$SIGN" ] && awk -v s="$SIGN" '/^exchange/ {printf "exchange/raw-signing %s: %.2f\n", $2, $3/s}' "$OUT/summary.txt"
