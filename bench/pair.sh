#!/usr/bin/env bash
# Two builds of auth-service side by side, for a change worth a few percent that one-after-the-other runs on this
# shared machine cannot tell from noise (two runs minutes apart differ by up to 2x). The run command provides
# rbac-service, token-service and a database; two more auth-service processes, from build A and build B, run beside
# its own on that database with its environment, on ports 18833 and 18834. Both are warmed up alike, then ROUNDS rounds
# of SECONDS s of wrk on A and then on B, so both see the same drifts of the host. Per point: req/s, p99, non-200
# answers, and the CPU the serving process used per request (utime + stime over requests).
# A and B are copies of a packaged auth-service/target/quarkus-app (package each build, then cp -a it away).
# Usage: bench/pair.sh DIR_A DIR_B; env: ROUNDS=8 SECONDS_PER_POINT=10 CONNS=32 WARMUP=120 (s per instance, in two passes)
#   PATH_UNDER_TEST=/oauth/token BODY=grant_type=client_credentials (the vendor's client credentials authenticate);
#   @JWT@ in BODY stands for a JWT of the vendor's credential, issued anew for each warm-up pass and each round (both
#   builds get the same one), e.g. PATH_UNDER_TEST=/oauth/introspect BODY=token=@JWT@
# Outputs: target/bench/pair/ (results.tsv, summary.txt, logs). Run it under the bench lock.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DIR_A=$(realpath "$1") DIR_B=$(realpath "$2")
ROUNDS="${ROUNDS:-8}" SECONDS_PER_POINT="${SECONDS_PER_POINT:-10}" CONNS="${CONNS:-32}" WARMUP="${WARMUP:-120}"
PATH_UNDER_TEST="${PATH_UNDER_TEST:-/oauth/token}" BODY="${BODY:-grant_type=client_credentials}"
OUT=target/bench/pair
JAVA="${LATCHKEY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OPTS="${LATCHKEY_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError}"
for d in "$DIR_A" "$DIR_B"; do [ -f "$d/quarkus-run.jar" ] || { echo "$d is not a packaged quarkus-app" >&2; exit 1; }; done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$OUT"

export LATCHKEY_RBAC_PORT=18801 LATCHKEY_TOKEN_PORT=18802 LATCHKEY_AUTH_PORT=18803
lk_fresh_data_dir
lk_start "$OUT/services.log"
AUTH_PID=$(lk_service_pid auth-service)
tr '\0' '\n' < "/proc/$AUTH_PID/environ" | grep -E '^(LATCHKEY|QUARKUS|latchkey|quarkus)' > "$OUT/auth.env"
start_instance() { # dir port log; prints the pid
  ( set -a; . "$OUT/auth.env"; set +a
    QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(( $2 + 1000 )) setsid "$JAVA" $OPTS -jar "$1/quarkus-run.jar" > "$3" 2>&1 &
    echo $! )
}
PID_A=$(start_instance "$DIR_A" 18833 "$OUT/a.log"); STARTED="$STARTED $PID_A"
PID_B=$(start_instance "$DIR_B" 18834 "$OUT/b.log"); STARTED="$STARTED $PID_B"
for port in 19833 19834; do
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && break; sleep 0.5
  done
done

export BENCH_AUTH="Basic $(printf '%s:%s' "$LK_VENDOR_ID" "$LK_VENDOR_SECRET" | base64 -w0)" BENCH_BODY="$BODY"
fresh_body() { if [[ $BODY == *@JWT@* ]]; then BENCH_BODY=${BODY//@JWT@/$(lk_vendor_jwt "http://127.0.0.1:18803")}; fi; }
cpu_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
echo "== $(date -u +%FT%TZ) A=$DIR_A B=$DIR_B, $PATH_UNDER_TEST at $CONNS connections, $("$JAVA" -version 2>&1 | head -1)" \
    | tee "$OUT/summary.txt"
for _ in 1 2; do fresh_body; for port in 18833 18834; do
  wrk -t2 -c"$CONNS" -d"$(( WARMUP / 2 ))s" -s bench/compare.lua "http://127.0.0.1:$port$PATH_UNDER_TEST" > /dev/null
done; done
printf 'round\tbuild\treq_s\tp99\tnon200\tcpu_us_per_request\n' > "$OUT/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  fresh_body
  for side in A B; do
    if [ $side = A ]; then port=18833 pid=$PID_A; else port=18834 pid=$PID_B; fi
    before=$(cpu_ticks "$pid")
    wrk -t2 -c"$CONNS" -d"${SECONDS_PER_POINT}s" --latency -s bench/compare.lua "http://127.0.0.1:$port$PATH_UNDER_TEST" \
        > "$OUT/point.txt"
    after=$(cpu_ticks "$pid")
    awk -v r="$round" -v s="$side" -v ticks=$(( after - before )) -v hz="$HZ" '
      /requests in/ {n = $1} /Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2} /^non-200:/ {e = $2}
      END {printf "%s\t%s\t%.0f\t%s\t%d\t%.1f\n", r, s, rps, p99, e, ticks * 1e6 / hz / n}' "$OUT/point.txt" \
        | tee -a "$OUT/results.tsv"
  done
done
awk -F'\t' 'NR > 1 {rps[$2] += $3; cpu[$2] += $6; n[$2]++; if ($5 > 0) errors[$2] += $5}
  END {for (s in n) printf "%s: mean %.0f req/s, %.1f CPU us per request, %d non-200\n", s, rps[s] / n[s], cpu[s] / n[s], errors[s]
       printf "B / A: %.3f req/s, %.3f CPU per request\n", rps["B"] / rps["A"], cpu["B"] / cpu["A"]}' "$OUT/results.tsv" \
    | tee -a "$OUT/summary.txt"
