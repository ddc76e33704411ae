#!/usr/bin/env bash
# Soak (issue 14): the run command's three services under a constant-rate mix of exchanges, introspections, creates,
# lists and deletes for a while; per minute: requests, errors, p50/p99 per kind and RSS per service, into
# target/bench/soak/soak.csv, drawn into soak.png (gnuplot), with a summary (RSS slope per service). Not part of the
# test command. Needs: a JDK, gnuplot (apt-get install gnuplot-nox).
# Usage: bench/soak.sh [minutes, default 10] [rate in req/s, default: half the capacity measured first] [Soak.java options...]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
MINUTES="${1:-10}"
RATE="${2:-0}"
shift $(( $# < 2 ? $# : 2 ))
OUT=target/bench/soak
command -v gnuplot >/dev/null || { echo "gnuplot is missing: apt-get update && apt-get install -y gnuplot-nox" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/soak.csv "$OUT"/soak.png "$OUT"/summary.txt "$OUT"/errors.txt "$OUT"/capacity.txt

export LATCHKEY_RBAC_PORT=18181 LATCHKEY_TOKEN_PORT=18182 LATCHKEY_AUTH_PORT=18183
# The run command (it builds under the Maven lock) in its own process group, stopped with its data directory on exit
# (bench/lib.sh).
lk_fresh_data_dir
lk_start "$OUT/services.log"
ID=$LK_VENDOR_ID SECRET=$LK_VENDOR_SECRET

# The services are the launcher's children, in its process group; each runs its own module's quarkus-run.jar.
PIDS=""
for s in rbac token auth; do
  pid=$(lk_service_pid "$s-service")
  [ -n "$pid" ] || { echo "no $s-service process in group $LAUNCHER" >&2; exit 1; }
  PIDS="$PIDS${PIDS:+,}$s=$pid"
done

STATE="$(date -u +%FT%TZ) on $(nproc) cores, $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg); other JVMs on the machine: $(( $(pgrep -c java) - $(pgrep -c -g "$LAUNCHER" java) ))"
echo "== $STATE"
java -XX:+UseSerialGC -Xmx256m bench/Soak.java --client-id "$ID" --client-secret "$SECRET" --minutes "$MINUTES" \
    --rate "$RATE" --pids "$PIDS" --out "$OUT" "$@"
END_STATE="load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $END_STATE"
printf '%s\n%s\n' "$STATE" "$END_STATE" >> "$OUT/summary.txt"
RUN_RATE=$(awk -F, 'NR==2 {print $2}' "$OUT/soak.csv")
gnuplot -e "csv='$OUT/soak.csv'; png='$OUT/soak.png'; title='Latchkey soak: $MINUTES min at $RUN_RATE req/s, $(nproc) shared cores, $(date -u +%F)'" bench/soak.gp
echo "curves: $OUT/soak.png; data: $OUT/soak.csv; summary: $OUT/summary.txt"
