#!/usr/bin/env bash
# One-way tell throughput on multiprocUDPBase with datagrams dropped at random, beside the same without loss.
# The loss needs a network namespace of its own (root, iproute2 and nftables): this creates one
# (thespian-bench-<pid>), brings its loopback up, runs the benchmark's tell scenario in it without loss, then
# adds an nftables rule that drops PERCENT% of the UDP datagrams arriving in it and runs the scenario again. On
# exit (also on failure or Ctrl-C) it kills, by PID, whatever still runs in the namespace, and deletes it.
#
#   sudo scripts/bench-udp-loss.sh [--loss PERCENT] [--base NAME] [--out DIR] [-- BENCHMARK OPTIONS...]
#
# PERCENT defaults to 5; NAME to multiprocUDPBase; options after -- go to Thespian.Benchmarks (e.g. --quick).
# Goal (issue 13): under 5% loss, at least 20% of the lossless rate, and nothing lost (the scenario fails when
# B counts a different number of messages than A sent). Exit code: 0 the goal is met, 1 a run failed or the goal
# is missed, 2 a usage error or something missing (root, ip, nft).
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOSS=5
BASE=multiprocUDPBase
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --loss) LOSS="$2"; shift 2 ;;
    --base) BASE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)." >&2; exit 2 ;;
  esac
done
case "$LOSS" in ''|*[!0-9]*) echo "--loss needs a whole percentage, not '$LOSS'." >&2; exit 2 ;; esac
[ "$LOSS" -le 100 ] || { echo "--loss needs a percentage of at most 100, not $LOSS." >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "A network namespace needs root: run this as root (sudo)." >&2; exit 2; }
command -v ip > /dev/null || { echo "iproute2 is not installed: apt-get install -y iproute2" >&2; exit 2; }
command -v nft > /dev/null || { echo "nftables is not installed: apt-get install -y nftables" >&2; exit 2; }

OUT="${OUT:-$(mktemp -d -t thespian-udp-loss-XXXXXX)}"
mkdir -p "$OUT"
BENCH="$ROOT/Thespian.Benchmarks/bin/Release/net10.0/Thespian.Benchmarks.dll"
echo "Building Thespian.Benchmarks (Release)..." >&2
if ! (cd "$ROOT" && dotnet build -c Release Thespian.Benchmarks -v quiet -nologo > "$OUT/build.log" 2>&1); then
  echo "The build failed; see $OUT/build.log." >&2
  exit 1
fi

NS="thespian-bench-$$"
cleanup() {
  # Whatever still runs in the namespace was started here: end it by PID, then delete the namespace.
  local pids
  pids="$(ip netns pids "$NS" 2> /dev/null)"
  if [ -n "$pids" ]; then
    echo "Killing what still runs in $NS: $pids" >&2
    kill -KILL $pids 2> /dev/null
  fi
  ip netns delete "$NS" 2> /dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$NS" || { echo "Could not create the network namespace $NS." >&2; exit 2; }
ip -n "$NS" link set lo up

run() {   # run NAME [BENCHMARK OPTIONS]: the tell scenario in the namespace, results in $OUT/NAME.json
  local name="$1"
  shift
  echo "=== $name: $BASE, tell, in $NS (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  (cd "$ROOT" && ip netns exec "$NS" dotnet "$BENCH" --base "$BASE" --scenario tell --json "$OUT/$name.json" "$@" \
     > "$OUT/$name.txt" 2> "$OUT/$name.log")
}

run lossless "${@}"
lossless_rc=$?
ip netns exec "$NS" nft -f - <<NFT || { echo "Could not install the nftables rule." >&2; exit 2; }
table inet t {
  chain in {
    type filter hook input priority 0;
    meta l4proto udp numgen random mod 100 < $LOSS counter drop
  }
}
NFT
run "loss$LOSS" "${@}"
loss_rc=$?
dropped="$(ip netns exec "$NS" nft list ruleset 2> /dev/null | grep -o 'packets [0-9]*' | head -1)"

python3 - "$OUT" "$LOSS" "$lossless_rc" "$loss_rc" "${dropped:-}" <<'PY'
import json, sys
out, loss, lossless_rc, loss_rc, dropped = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def figures(name):
    try:
        doc = json.load(open('%s/%s.json' % (out, name)))
    except (OSError, ValueError):
        return None, ['no results (see %s/%s.log)' % (out, name)]
    errors = ['%s: %s' % (s['name'], s['error']) for s in doc['scenarios'] if s.get('error')]
    return {f['key']: f['value'] for f in doc['figures'] if f['key'].endswith('.rate')}, errors

base, base_errors = figures('lossless')
lossy, lossy_errors = figures('loss%d' % loss)
print('One-way tell A→B, lossless and with %d%% of UDP datagrams dropped%s' % (loss, ' (%s counted by the rule)' % dropped if dropped else ''))
ok = lossless_rc == 0 and loss_rc == 0 and not base_errors and not lossy_errors
for key in sorted(set(base or {}) | set(lossy or {})):
    b, l = (base or {}).get(key), (lossy or {}).get(key)
    share = l / b if b and l is not None else None
    met = share is not None and share >= 0.2
    ok = ok and met
    print('  %-22s lossless %12s msg/s   %d%% loss %12s msg/s   %s of lossless (goal >= 20%%) %s' % (
        key, '-' if b is None else '{:,.0f}'.format(b), loss, '-' if l is None else '{:,.0f}'.format(l),
        '-' if share is None else '{:.0%}'.format(share), 'ok' if met else 'MISS'))
for e in base_errors + lossy_errors:
    print('  FAILED ' + e)
print('Nothing lost: B counted every message in every run.' if lossless_rc == 0 and loss_rc == 0 and not base_errors and not lossy_errors
      else 'A run failed (a lost or extra message fails the scenario): see the logs in %s.' % out)
sys.exit(0 if ok else 1)
PY
status=$?
echo "Results (JSON, tables, logs) in $OUT" >&2
exit $status
