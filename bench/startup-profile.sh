#!/usr/bin/env bash
# Where the start-up of the three services goes (issue 11): starts them together through the launcher (as
# bench/startup.sh does) with a JFR recording from the JVM's start (settings=profile: execution samples every 10-20 ms,
# class loading), stops them once ready, and prints per service: the CPU time to ready, the classes loaded, the hottest
# methods, and the execution samples by the packages on their stacks (inclusive: a sample counts once for each package
# it passes through), which is what says which framework or code path the start-up time is spent in.
# Outputs: target/bench/startup-profile/ (*.jfr, the launcher log, profile.txt).
# Run it under the bench lock: flock /tmp/latchkey-bench.lock bench/startup-profile.sh [java-home] [LATCHKEY_AOT]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=target/bench/startup-profile
JHOME="${1:-/usr/lib/jvm/temurin-25-jdk-amd64}"
AOT="${2:-off}"
[ -s target/bench/startup/launcher.cp ] || { echo "run bench/startup.sh once first (it makes the launcher's class path)" >&2; exit 1; }
CP="$ROOT/system-tests/target/classes:$(cat target/bench/startup/launcher.cp)"
rm -rf "$OUT" && mkdir -p "$OUT"
DATA=$(mktemp -d)
export LATCHKEY_RBAC_PORT=18811 LATCHKEY_TOKEN_PORT=18812 LATCHKEY_AUTH_PORT=18813 LATCHKEY_DEMO=false
LAUNCHER=""
stop_launcher() {
  [ -n "$LAUNCHER" ] || return 0
  kill -TERM "$LAUNCHER" 2>/dev/null || true  # the launcher stops the services, which dump their recordings
  for _ in $(seq 1 120); do kill -0 -- "-$LAUNCHER" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$LAUNCHER" 2>/dev/null || true
  LAUNCHER=""
}
trap 'stop_launcher; rm -rf "$DATA"' EXIT
run() { # log java-opts
  LATCHKEY_JAVA_HOME="$JHOME" LATCHKEY_AOT="$AOT" LATCHKEY_DATA_DIR="$DATA" LATCHKEY_JAVA_OPTS="$2" \
    setsid java -Dlatchkey.root="$ROOT" -cp "$CP" dev.latchkey.system.Launcher > "$1" 2>&1 &
  LAUNCHER=$!
  for _ in $(seq 1 600); do grep -q "Latchkey is ready" "$1" && break; kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 0.5; done
  grep -q "Latchkey is ready" "$1" || { echo "did not start: $1" >&2; exit 1; }
}
BASE="-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError"
run "$OUT/first.log" "$BASE"  # migrations and bootstrap: not profiled
stop_launcher
run "$OUT/launcher.log" "$BASE -XX:StartFlightRecording=settings=profile,filename=$ROOT/$OUT/"
HZ=$(getconf CLK_TCK)
{
  echo "== $(date -u +%FT%TZ), $JHOME, AOT $AOT, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for name in rbac-service token-service auth-service; do
    pid=$(pgrep -g "$LAUNCHER" -f "$name/target/run-app/quarkus-run.jar" | head -1)
    echo "$name (pid $pid): CPU to ready $(awk -v hz="$HZ" '{sub(/^.*\) /, ""); printf "%d ms", ($12 + $13) * 1000 / hz}' "/proc/$pid/stat")"
  done
} > "$OUT/profile.txt"
stop_launcher
JFR="$JHOME/bin/jfr"
for file in "$OUT"/*.jfr; do
  {
    echo
    echo "== $file: $("$JFR" summary "$file" | awk '/jdk.ClassLoad |jdk.ExecutionSample / {print $1 " " $2}' | tr '\n' ' ')"
    "$JFR" view --width 160 hot-methods "$file" | head -25
    echo "-- execution samples by package on the stack (inclusive), top 30"
    "$JFR" print --events jdk.ExecutionSample --stack-depth 200 "$file" | awk '
      /^jdk.ExecutionSample/ { if (n++) flush(); delete seen }
      /line:/ { f = $1; sub(/\.[^.]+\(.*$/, "", f); k = split(f, p, "."); pkg = p[1]; for (i = 2; i <= k - 1 && i <= 3; i++) pkg = pkg "." p[i]; seen[pkg] = 1 }
      function flush() { for (s in seen) count[s]++ }
      END { flush(); for (s in count) printf "%6d %5.1f%% %s\n", count[s], 100 * count[s] / n, s }' | sort -rn | head -30
  } >> "$OUT/profile.txt"
done
cat "$OUT/profile.txt"
