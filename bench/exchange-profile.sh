#!/usr/bin/env bash
# Where an exchange's and an introspection's CPU goes, native frames included (issue 11): JFR samples Java frames only,
# so ACCP's signing, the kernel's socket calls, the JIT and the garbage collector are invisible to it. This starts the
# run command, warms auth-service up with client-credentials exchanges at 32 connections, then, for the JWKS endpoint
# (the HTTP stack alone), the exchange and the introspection of a JWT in turn, attaches async-profiler (Maven Central
# tools.profiler:async-profiler, which ships the native library) for DURATION seconds of wrk at 32 connections (every
# path through bench/compare.lua, so each pays the same Lua cost): CPU samples with kernel and native frames, per
# thread; for the exchange also the allocations (TLAB-driven samples).
# Prints per path: req/s, auth-service's and the box's CPU per request, the samples by thread and by the innermost
# frame's category (kernel, ACCP's native code, the JVM itself, else the innermost Java frame's package), and named
# parts of a request counted inclusively. Outputs: target/bench/exchange-profile/ (collapsed stacks, flame graphs
# as HTML, wrk outputs, profile.txt).
# Needs wrk, jq, curl, unzip. Usage: [WARMUP=60] [DURATION=20] flock /tmp/latchkey-bench.lock bench/exchange-profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-20}"
OUT=target/bench/exchange-profile
AP_VERSION=4.1
AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
for tool in wrk jq curl unzip; do
  command -v $tool >/dev/null || { echo "$tool is missing: apt-get update && apt-get install -y $tool" >&2; exit 1; }
done
if [ ! -f "$AP_JAR" ]; then
  ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" >/dev/null
fi
rm -rf "$OUT" && mkdir -p "$OUT/lib"
unzip -q -o -j "$AP_JAR" 'linux-x64/libasyncProfiler.so' -d "$OUT/lib"
AP_LIB="$PWD/$OUT/lib/libasyncProfiler.so"

export LATCHKEY_RBAC_PORT=18721 LATCHKEY_TOKEN_PORT=18722 LATCHKEY_AUTH_PORT=18723
AUTH=http://127.0.0.1:$LATCHKEY_AUTH_PORT
lk_fresh_data_dir
lk_start "$OUT/services.log"
export LK_BASIC=$(printf '%s:%s' "$LK_VENDOR_ID" "$LK_VENDOR_SECRET" | base64 -w0)
PID=$(lk_service_pid auth-service)
JCMD="$(dirname "$(readlink -f "/proc/$PID/exe")")/jcmd"
# jcmd splits its arguments at '=' into named options: the agent's option string goes in quotes of its own
profiler() { "$JCMD" "$PID" JVMTI.agent_load "$AP_LIB" "\"$1\"" > "$OUT/.jcmd" 2>&1
  grep -q "return code: 0" "$OUT/.jcmd" || { echo "async-profiler: $1 failed: $(cat "$OUT/.jcmd")" >&2; exit 1; }; }

{
  echo "== $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "auth-service: $("$(dirname "$JCMD")/java" -version 2>&1 | head -1); $(grep -oE "ES256 signatures: .*" "$OUT/services.log" | head -1)"
  echo "the vendor's bootstrap credential (client_secret_basic), wrk -t2 -c32, ${DURATION}s per profile, ${WARMUP}s of exchanges first"
} | tee "$OUT/profile.txt"
BASIC="Basic $LK_BASIC"
BENCH_BODY=grant_type=client_credentials BENCH_AUTH=$BASIC wrk -t2 -c32 -d"${WARMUP}s" -s bench/compare.lua \
    "$AUTH/oauth/token" > "$OUT/warm-up.txt" 2>&1

profile() { # name event url [form body] [Authorization header]
  local name=$1 event=$2 url=$3 box0 box1 sut0 sut1
  export BENCH_BODY=${4:-} BENCH_AUTH=${5:-}
  wrk -t2 -c32 -d3s -s bench/compare.lua "$url" > /dev/null 2>&1
  profiler "start,event=$event,threads,file=$PWD/$OUT/$name.html"
  box0=$(box_jiffies); sut0=$(tree_jiffies "$PID")
  wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/compare.lua "$url" > "$OUT/$name-wrk.txt" 2>&1
  box1=$(box_jiffies); sut1=$(tree_jiffies "$PID")
  profiler "dump,collapsed,threads,file=$PWD/$OUT/$name.collapsed"
  profiler "stop,file=$PWD/$OUT/$name.html"
  local rps; rps=$(wrk_rps "$OUT/$name-wrk.txt")
  {
    echo
    echo "== $name: $rps req/s, p99 $(wrk_p "$OUT/$name-wrk.txt" 99) ms, errors $(wrk_errors "$OUT/$name-wrk.txt")"
    awk -v x="$box0" -v y="$box1" -v s="$((sut1 - sut0))" -v hz="$CLK_TCK" -v n="$rps" -v d="$DURATION" 'BEGIN {
        split(x, b, " "); split(y, a, " "); req = n * d
        printf "CPU per request: auth-service %.1f us, the whole box %.1f us (wrk, PostgreSQL, the kernel included)\n",
            1e6 * s / hz / req, 1e6 * (a[1] - b[1]) / hz / req }'
    bench/profile-categories.awk "$OUT/$name.collapsed"
  } | tee -a "$OUT/profile.txt"
}
profile jwks cpu "$AUTH/.well-known/jwks.json"
profile exchange cpu "$AUTH/oauth/token" grant_type=client_credentials "$BASIC"
profile exchange-alloc alloc "$AUTH/oauth/token" grant_type=client_credentials "$BASIC"
# the vendor introspecting its own JWT (fetched now: it lives 5 minutes), as a gateway would at every call
profile introspect-jwt cpu "$AUTH/oauth/introspect" "token=$(lk_vendor_jwt "$AUTH")" "$BASIC"
echo "flame graphs: $OUT/*.html"
