# Sourced by the bench scripts (compare.sh, exchange.sh, soak.sh, scale.sh): starting and stopping Latchkey the way
# the run command does, and the small helpers they all need. Not a script of its own.
# The caller sets OUT (its output directory) and exports LATCHKEY_RBAC_PORT, LATCHKEY_TOKEN_PORT, LATCHKEY_AUTH_PORT
# (each service's management port is its port + 1000, see Launcher).

LK_MVN_LOCK=/tmp/latchkey-mvn.lock
# Builds on the shared machines are serialised: the run command builds, so it starts under this lock.
LK_RUN_COMMAND=(./mvnw -B -o -q -Prun package -DskipTests -Dlatchkey.sdk.typescript.skip=true -Dlatchkey.sdk.python.skip=true)

# --- process groups: everything a bench script starts runs in a group of its own, stopped on any exit ------------
STARTED=""
stop_group() { # pgid: TERM, up to 30 s to go, then KILL
  kill -TERM -- "-$1" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 -- "-$1" 2>/dev/null || return 0; sleep 1; done
  kill -KILL -- "-$1" 2>/dev/null || true
}
lk_cleanup() {
  for group in $STARTED; do stop_group "$group"; done
  if [ -n "${LATCHKEY_DATA_DIR:-}" ]; then rm -rf "$LATCHKEY_DATA_DIR"; fi
}
# A fresh data directory (a new embedded PostgreSQL, new local secrets), removed with everything started on exit.
lk_fresh_data_dir() {
  LATCHKEY_DATA_DIR="$(mktemp -d)"
  export LATCHKEY_DATA_DIR
  trap lk_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Starts the run command in its own process group, logging to $1, holding the Maven lock until the services are up
# (the fd is closed in the child, so releasing it here really releases it). Sets LAUNCHER (the group) and the vendor
# bootstrap credential LK_VENDOR_ID / LK_VENDOR_SECRET that token-service printed on this first start. LATCHKEY_AOT=use
# unless set: the services use a valid AOT cache (docs/performance.md), and none is trained while the bench measures.
lk_start() { # log file
  local log=$1
  exec 9>"$LK_MVN_LOCK"
  echo "waiting for the Maven lock $LK_MVN_LOCK"
  flock 9
  LATCHKEY_AOT="${LATCHKEY_AOT:-use}" setsid "${LK_RUN_COMMAND[@]}" 9>&- > "$log" 2>&1 &
  LAUNCHER=$!
  STARTED="$STARTED $LAUNCHER"
  for _ in $(seq 1 600); do
    grep -q "Latchkey is ready" "$log" && break
    kill -0 "$LAUNCHER" 2>/dev/null || break
    sleep 1
  done
  flock -u 9; exec 9>&-
  grep -q "Latchkey is ready" "$log" || { echo "Latchkey did not start; see $log" >&2; exit 1; }
  LK_VENDOR_ID=$(grep -oE "lk_ci_[0-9A-Za-z]+" "$log" | head -1)
  LK_VENDOR_SECRET=$(grep -oE "lk_cs_[0-9A-Za-z]+" "$log" | head -1)
}
lk_stop() {
  stop_group "$LAUNCHER"
  STARTED="${STARTED/ $LAUNCHER/}"
}
# The pid of one of the run command's services now (the launcher starts a service again after it exits).
lk_service_pid() { # rbac-service | token-service | auth-service
  pgrep -g "$LAUNCHER" -f "$1/target/run-app/quarkus-run.jar" | head -1
}
rss_mb() { # pid
  awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"
}

# --- CPU accounting (the caller sets OUT) ------------------------------------------------------------------
box_jiffies() { # "busy all irq" over all CPUs: busy = user nice system irq softirq steal; irq = irq softirq
  awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6, $7 + $8}' /proc/stat
}
tree_jiffies() { # utime+stime of the given processes and all their descendants
  # a process that exits between the glob and the read makes cat fail: not an error here (under pipefail it was one,
  # and ended a compare.sh run at its 28th minute)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$*" '
    { line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " "); parent[$1] = f[2]; cpu[$1] = f[12] + f[13] }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) if (r[i] in parent) tree[r[i]] = 1
      do { grown = 0; for (p in parent) if (!(p in tree) && (parent[p] in tree)) { tree[p] = 1; grown = 1 } } while (grown)
      s = 0; for (p in tree) s += cpu[p]; print s
    }'
}
CLK_TCK=$(getconf CLK_TCK)
children_jiffies() { # CPU of this shell's finished children (bash's times, no subshell: a fork would reset it)
  times > "$OUT/.times"
  awk -v hz="$CLK_TCK" 'NR == 2 {
      s = 0; for (i = 1; i <= 2; i++) { split($i, t, "m"); sub(/s$/, "", t[2]); s += t[1] * 60 + t[2] }; printf "%.0f\n", s * hz }' "$OUT/.times"
}
# The system under test: the run command's group and the embedded PostgreSQL, which pg_ctl detaches from it (found by
# its data directory).
lk_roots() { echo "$LAUNCHER $(pgrep -f -- "$LATCHKEY_DATA_DIR" | tr '\n' ' ')"; }

# --- HTTP --------------------------------------------------------------------------------------------------------
basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }
post_json() { # url bearer json -> body, fails on a non-2xx
  curl -sf -X POST -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3" "$1"
}
lk_vendor_jwt() { # auth url -> a JWT of the vendor bootstrap credential
  curl -sf -u "$LK_VENDOR_ID:$LK_VENDOR_SECRET" -d grant_type=client_credentials "$1/oauth/token" | jq -r .access_token
}

# --- wrk ---------------------------------------------------------------------------------------------------------
to_ms() { # wrk's 1.23ms / 456.00us / 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
wrk_rps() { awk '/Requests\/sec/ {printf "%.0f", $2}' "$1"; }
wrk_p() { to_ms "$(awk -v q="$2%" '$1 == q {print $2}' "$1")"; }  # file percentile(50|99)
wrk_errors() { # non-200 answers (compare.lua's count) plus socket errors
  awk '/^non-200:/ {e += $2} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' "$1"
}

# --- SignBench -----------------------------------------------------------------------------------------------------
signing_rate() { # file provider|jdk -> signatures/s signing directly (no jose4j) with the fast provider or the JDK's own
  # its lines: "raw-signing <provider: a name, or JDK (version)> <direct|jose4j> <n> signatures/s (...)"
  awk -v which="$2" '/^raw-signing / && / direct / && ((which == "jdk") == ($2 == "JDK")) {
      for (i = 1; i < NF; i++) if ($(i + 1) == "signatures/s") { print $i; exit } }' "$1"
}
