#!/usr/bin/env bash
# Runs Python Thespian 4.0.1's benchmark and ours on the same bases, one after the other, and prints a table of
# the figures both measure: Python, ours, ours ÷ Python, and which is better by how much. The machine's speed
# moves 2x between days, so only figures from the same hour compare; this puts them in the same few minutes.
#
#   scripts/compare-python.sh [--bases "multiprocTCPBase simpleSystemBase multiprocUDPBase"] [--out DIR] [--quick]
#
# Python's benchmark is ../shared/anchors/python-thespian (or $PYTHON_THESPIAN): bench_base.py on each base (about a
# minute each), then whatever processes carry its run's tag are killed by PID, as its run_all.sh does. Ours is
# Thespian.Benchmarks, built once in Release, with --json. A base ours does not have (multiprocUDPBase before its
# project exists) is shown as "not available". Exit code: 0 when both ran on every base, 1 otherwise.
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ANCHOR="${PYTHON_THESPIAN:-$ROOT/../shared/anchors/python-thespian}"
BASES="multiprocTCPBase simpleSystemBase multiprocUDPBase"
OUT=""
QUICK=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bases) BASES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)." >&2; exit 2 ;;
  esac
done
[ -f "$ANCHOR/bench_base.py" ] || { echo "Python's benchmark is not at $ANCHOR (set PYTHON_THESPIAN)." >&2; exit 2; }
OUT="${OUT:-$(mktemp -d -t thespian-compare-XXXXXX)}"
mkdir -p "$OUT"
BENCH="$ROOT/Thespian.Benchmarks/bin/Release/net10.0/Thespian.Benchmarks.dll"

echo "Building Thespian.Benchmarks (Release)..." >&2
if ! (cd "$ROOT" && dotnet build -c Release Thespian.Benchmarks -v quiet -nologo > "$OUT/build.log" 2>&1); then
  echo "The build failed; see $OUT/build.log." >&2
  exit 1
fi

# A port free for TCP and UDP on loopback, below the ephemeral range (Python's admin needs one it is told).
free_port() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    port = random.randint(20000, 32000)
    try:
        for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
            s = socket.socket(socket.AF_INET, kind); s.bind(('127.0.0.1', port)); s.close()
        print(port); break
    except OSError:
        continue
PY
}

status=0
for base in $BASES; do
  tag="thbench-compare-$base-$$"
  port="$(free_port)"
  py_args=(--base "$base" --port "$port" --out "$OUT/python-$base.json")
  [ -n "$QUICK" ] && py_args+=(--cycles 2 --ncreate 10 --nchild 5 --nask 500 --warmup 50 --target-s 2 --pp-target-s 2 --mb-reps 3)
  echo "=== Python $base (port $port, tag $tag; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  (cd "$ANCHOR" && PYTHONPATH="$ANCHOR/src" THESPIAN_BASE_IPADDR=127.0.0.1 THESPLOG_FILE="$OUT/python-thespian.log" \
     THESPIAN_BENCH_TAG="$tag" timeout 1200 python3 bench_base.py "${py_args[@]}" 2> "$OUT/python-$base.log")
  echo "    rc=$?; $(tail -1 "$OUT/python-$base.log")" >&2
  # Whatever still carries this run's tag was started by it: kill those, by PID.
  (cd "$ANCHOR" && THESPIAN_BENCH_TAG= python3 -c "import benchlib; k = benchlib.kill_tagged('$tag'); print('    killed leftovers:', k) if k else None" >&2)
  [ -f "$OUT/python-$base.json" ] || status=1

  ours_args=(--base "$base" --json "$OUT/ours-$base.json")
  [ -n "$QUICK" ] && ours_args+=(--quick)
  echo "=== ours $base (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  (cd "$ROOT" && dotnet "$BENCH" "${ours_args[@]}" > "$OUT/ours-$base.txt" 2> "$OUT/ours-$base.log")
  rc=$?
  echo "    rc=$rc" >&2
  if [ ! -f "$OUT/ours-$base.json" ]; then
    # Not run at all (an unknown or unloadable base): its reason, for the table.
    tr -s '\n' ' ' < "$OUT/ours-$base.log" | tail -c 400 > "$OUT/ours-$base.unavailable"
    status=1
  fi
done

python3 "$ROOT/scripts/compare-python-table.py" "$OUT" $BASES
echo "Results (JSON, logs) in $OUT"
exit $status
