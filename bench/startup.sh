#!/usr/bin/env bash
# Start-up time and footprint of the three services (issue 11), per JVM configuration, through the launcher of the run
# command (so: the same embedded PostgreSQL, environment and supervisor). Per configuration:
#   1. a first start on a fresh data directory (migrations, bootstrap credential; not reported),
#   2. "together": the launcher is stopped and started again on that data directory; each service's time from its
#      process start (/proc/<pid>/stat) to the first 200 of /q/health/ready on its management port (polled every ~20 ms),
#   3. "alone": each service in turn gets a SIGTERM while the others keep running; the supervisor starts it again
#      (after its 500 ms back-off, not counted) and the time from that new process's start to ready is taken,
#   4. RSS (VmRSS) of each service idle (IDLE s after the last start), then after load: LOAD s of the
#      client-credentials exchange on auth-service and LOAD/2 s of a tenant list on rbac-service and token-service
#      (wrk, 8 connections, bench/compare.lua).
# Quarkus' own "started in" line is kept too (it counts from the JVM's main, not from the process start).
# Outputs: target/bench/startup/ (results.tsv, summary.md, the launcher logs, wrk outputs).
# Run it under the bench lock: flock /tmp/latchkey-bench.lock bench/startup.sh [label...]
# Configurations are the CONFIG lines below ("label|java home|LATCHKEY_JAVA_OPTS|LATCHKEY_AOT"); arguments pick some by
# label. The services must be packaged first (./mvnw -B package -DskipTests); the launcher's classpath is taken from
# target/bench/startup/launcher.cp, made once with Maven (under the Maven lock) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=target/bench/startup
IDLE="${IDLE:-10}"
LOAD="${LOAD:-20}"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
CURRENT="-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError"
CONFIGS=(
  "jdk17-serial-256m|$JDK17|$CURRENT|off"
  "jdk17-g1-default|$JDK17|-XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-256m|$JDK25|$CURRENT|off"
  "jdk25-g1-default|$JDK25|-XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-128m|$JDK25|-XX:+UseSerialGC -Xmx128m -XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-256m-lean|$JDK25|-XX:+UseSerialGC -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-256m-c1|$JDK25|-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-256m-aot|$JDK25|$CURRENT|use"
  "jdk25-serial-128m-aot|$JDK25|-XX:+UseSerialGC -Xmx128m -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-serial-256m-lean-aot|$JDK25|-XX:+UseSerialGC -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-g1-default-aot|$JDK25|-XX:+ExitOnOutOfMemoryError|use"
  "jdk17-serial-xms32m-256m|$JDK17|-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError|off"
  "jdk25-serial-xms32m-256m-aot|$JDK25|-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-serial-xms32m-256m-c1-aot|$JDK25|-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-g1-xms32m-256m-aot|$JDK25|-XX:+UseG1GC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-serial-xms32m-256m-lean-aot|$JDK25|-XX:+UseSerialGC -Xms32m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-serial-xms32m-256m-aot-jit-nice4|$JDK25|-XX:+UseSerialGC -Xms32m -Xmx256m -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=1 -XX:+ExitOnOutOfMemoryError|use"
  "jdk25-serial-xms32m-256m-aot-jit-nice10|$JDK25|-XX:+UseSerialGC -Xms32m -Xmx256m -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=1 -XX:JavaPriority1_To_OSPriority=10 -XX:+ExitOnOutOfMemoryError|use"
)
SERVICES=(rbac-service token-service auth-service)
export LATCHKEY_RBAC_PORT=18801 LATCHKEY_TOKEN_PORT=18802 LATCHKEY_AUTH_PORT=18803 LATCHKEY_DEMO=false
PORTS=(18801 18802 18803)
MANAGEMENT=(19801 19802 19803)  # the launcher's port + 1000
for tool in wrk jq curl; do
  command -v $tool >/dev/null || { echo "$tool is missing: apt-get update && apt-get install -y $tool" >&2; exit 1; }
done
[ -f auth-service/target/quarkus-app/quarkus-run.jar ] || { echo "package the services first: ./mvnw -B package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"
if [ ! -s "$OUT/launcher.cp" ]; then
  flock /tmp/latchkey-mvn.lock ./mvnw -B -o -q package -DskipTests -pl system-tests -am -Dlatchkey.sdk.typescript.skip=true \
      -Dlatchkey.sdk.python.skip=true dependency:build-classpath -Dmdep.outputFile="$ROOT/$OUT/launcher.cp" > /dev/null
fi
CP="$ROOT/system-tests/target/classes:$(cat "$OUT/launcher.cp")"

LAUNCHER=""
DATA=""
stop_launcher() {
  [ -n "$LAUNCHER" ] || return 0
  kill -TERM -- "-$LAUNCHER" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 -- "-$LAUNCHER" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$LAUNCHER" 2>/dev/null || true
  LAUNCHER=""
}
cleanup() { stop_launcher; [ -n "$DATA" ] && rm -rf "$DATA"; return 0; }
trap cleanup EXIT
trap 'exit 130' INT TERM

HZ=$(getconf CLK_TCK)
uptime_ms() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
started_ms() { awk -v hz="$HZ" '{sub(/^.*\) /, ""); printf "%d\n", $20 * 1000 / hz}' "/proc/$1/stat"; }  # field 22
service_pid() { pgrep -g "$LAUNCHER" -f "$1/target/run-app/quarkus-run.jar" | head -1; }
cpu_ms() { awk -v hz="$HZ" '{sub(/^.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz}' "/proc/$1/stat"; }  # utime+stime
rss_mb() { awk '/VmRSS/ {printf "%d\n", $2 / 1024}' "/proc/$1/status"; }

# await_ready index [old pid]: waits for a process of the service other than old pid and its ready 200; prints the ms
# from that process's start to the first 200
await_ready() {
  local i=$1 old=${2:-} name=${SERVICES[$1]} pid="" deadline=$(( $(uptime_ms) + 180000 ))
  while [ "$(uptime_ms)" -lt "$deadline" ]; do
    if [ -z "$pid" ]; then
      pid=$(service_pid "$name" || true)
      [ "$pid" = "$old" ] && pid=""
    fi
    if [ -n "$pid" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${MANAGEMENT[$i]}/q/health/ready")" = 200 ]; then
      echo "$(( $(uptime_ms) - $(started_ms "$pid") )) $(cpu_ms "$pid")"
      return 0
    fi
    sleep 0.02
  done
  echo "timeout"
}

start_launcher() { # java-home opts aot log
  JAVA_HOME_FOR_SERVICES=$1
  LATCHKEY_JAVA_HOME="$1" LATCHKEY_JAVA_OPTS="$2" LATCHKEY_AOT="$3" LATCHKEY_DATA_DIR="$DATA" \
    setsid "$JDK17/bin/java" -Dlatchkey.root="$ROOT" -cp "$CP" dev.latchkey.system.Launcher > "$4" 2>&1 &
  LAUNCHER=$!
}

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }

printf 'config\tservice\ttogether_ms\ttogether_cpu_ms\talone_ms\talone_cpu_ms\tquarkus_started_s\trss_idle_mb\trss_load_mb\tload_rps\tload_errors\n' > "$OUT/results.tsv"
echo "== $(date -u +%FT%TZ) on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load $(cut -d' ' -f1-3 /proc/loadavg)"
for config in "${CONFIGS[@]}"; do
  IFS='|' read -r label jhome opts aot <<< "$config"
  if [ $# -gt 0 ] && [[ " $* " != *" $label "* ]]; then continue; fi
  if [ "$aot" = use ] && [ ! -f auth-service/target/run-app/app.aot ]; then
    echo "$label: skipped, no AOT cache (train it first: see docs/performance.md)"; continue
  fi
  echo "-- $label: $jhome $opts (AOT $aot); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  DATA=$(mktemp -d)
  # 1. the first start: migrations and the bootstrap credential
  start_launcher "$jhome" "$opts" "$aot" "$OUT/$label-first.log"
  for _ in $(seq 1 300); do grep -q "Latchkey is ready" "$OUT/$label-first.log" && break; kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 0.5; done
  grep -q "Latchkey is ready" "$OUT/$label-first.log" || { echo "did not start: $OUT/$label-first.log" >&2; exit 1; }
  ID=$(grep -oE "lk_ci_[0-9A-Za-z]+" "$OUT/$label-first.log" | head -1)
  SECRET=$(grep -oE "lk_cs_[0-9A-Za-z]+" "$OUT/$label-first.log" | head -1)
  stop_launcher
  # 2. together
  start_launcher "$jhome" "$opts" "$aot" "$OUT/$label.log"
  declare -a together=() alone=() idle=() loaded=()
  pollers=(); for i in 0 1 2; do await_ready "$i" > "$OUT/.ready-$i" & pollers+=($!); done
  wait "${pollers[@]}"
  for i in 0 1 2; do together[$i]=$(cat "$OUT/.ready-$i"); done
  for _ in $(seq 1 120); do grep -q "Latchkey is ready" "$OUT/$label.log" && break; sleep 0.5; done
  # 3. alone
  for i in 0 1 2; do
    sleep 2
    old=$(service_pid "${SERVICES[$i]}")
    kill -TERM "$old"
    alone[$i]=$(await_ready "$i" "$old")
  done
  # 4. footprint
  sleep "$IDLE"
  for i in 0 1 2; do idle[$i]=$(rss_mb "$(service_pid "${SERVICES[$i]}")"); done
  AUTH=http://127.0.0.1:$LATCHKEY_AUTH_PORT RBAC=http://127.0.0.1:$LATCHKEY_RBAC_PORT TOKEN=http://127.0.0.1:$LATCHKEY_TOKEN_PORT
  VENDOR=$(curl -sf -u "$ID:$SECRET" -d grant_type=client_credentials "$AUTH/oauth/token" | jq -r .access_token)
  TENANT=$(curl -sf -X POST -H "Authorization: Bearer $VENDOR" -H 'Content-Type: application/json' -d '{"name":"Bench"}' \
      "$RBAC/tenants" | jq -r .id)
  BENCH_AUTH=$(basic "$ID" "$SECRET") BENCH_BODY=grant_type=client_credentials \
      wrk -t2 -c8 -d"${LOAD}s" -s bench/compare.lua "$AUTH/oauth/token" > "$OUT/$label-wrk-auth.txt" 2>&1
  BENCH_AUTH="Bearer $VENDOR" wrk -t2 -c8 -d"$((LOAD / 2))s" -s bench/compare.lua "$RBAC/tenants" > "$OUT/$label-wrk-rbac.txt" 2>&1
  BENCH_AUTH="Bearer $VENDOR" wrk -t2 -c8 -d"$((LOAD / 2))s" -s bench/compare.lua "$TOKEN/tenants/$TENANT/tokens" \
      > "$OUT/$label-wrk-token.txt" 2>&1
  for i in 0 1 2; do loaded[$i]=$(rss_mb "$(service_pid "${SERVICES[$i]}")"); done
  files=("$OUT/$label-wrk-rbac.txt" "$OUT/$label-wrk-token.txt" "$OUT/$label-wrk-auth.txt")
  for i in 0 1 2; do
    short=${SERVICES[$i]%-service}
    started=$(grep -E "^\[$short *\].* started in [0-9.]+s" "$OUT/$label.log" | head -1 | grep -oE 'started in [0-9.]+' | awk '{print $3}' || true)
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "${files[$i]}")
    errors=$(awk '/^non-200:/ {e += $2} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' "${files[$i]}")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "${SERVICES[$i]}" "${together[$i]% *}" "${together[$i]#* }" \
        "${alone[$i]% *}" "${alone[$i]#* }" "${started:-?}" \
        "${idle[$i]}" "${loaded[$i]}" "$rps" "$errors" | tee -a "$OUT/results.tsv"
  done
  stop_launcher
  rm -rf "$DATA"; DATA=""
done
{
  echo "| config | service | ready together ms (CPU ms) | ready alone ms (CPU ms) | Quarkus \"started in\" s | RSS idle MB | RSS after load MB | load req/s | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  tail -n +2 "$OUT/results.tsv" | awk -F'\t' '{printf "| %s | %s | %s (%s) | %s (%s) | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}'
} > "$OUT/summary.md"
cat "$OUT/summary.md"
