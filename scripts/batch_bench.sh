#!/usr/bin/env bash
# Batch throughput end to end, as a user runs it:
#   zcat saudinewsnet.jsonl.gz | khabar analyze --jsonl --threads N > out
# wall time, MB/s of article text (the UTF-8 bytes of the records' "text" fields, the unit of
# every speed table of the README; the JSON input is larger), peak RSS (/usr/bin/time -v), output lines and ids in
# input order, in two settings:
#   free:   --threads 1 and --threads 2 on the whole machine (zcat, khabar's reader and
#           writer threads run beside the workers on whatever core is idle);
#   pinned: the whole pipeline (zcat included) on ONE core (taskset -c 0, --threads 1), then
#           on TWO cores (taskset -c 0,1, --threads 2): throughput per core, and the speed-up
#           that a second core gives to the same work.
# With CHECK=1, fails unless the targets hold: >= 20 MB/s of text per core (pinned, one core),
# >= 1.7x from the second core (pinned), peak RSS < 200 MB, one line per record, in order.
# (Free, one thread, zcat and the I/O threads borrow the idle second core, so the free
# one-thread run is not "per core"; and on two cores they compete with the two workers.)
#
# CPU time (user+sys of khabar) is printed too: on a shared machine it is steadier than wall
# time.
#
# Usage: bash scripts/batch_bench.sh [CORPUS.jsonl.gz]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
CORPUS=${1:-$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz}
[ -x /usr/bin/time ] || { echo "batch_bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
cargo build --release -q -p khabar-cli
BIN=target/release/khabar
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

zcat -f "$CORPUS" | python3 -c '
import json, sys
n = b = tb = 0
with open(sys.argv[1], "w") as ids:
    for line in sys.stdin.buffer:
        b += len(line)
        if line.strip():
            n += 1
            r = json.loads(line)
            t = r.get("text")
            if isinstance(t, str):
                tb += len(t.encode("utf-8", "surrogatepass"))
            ids.write(json.dumps(r.get("id")) + "\n")
print(n, b, tb)' "$T/want.ids" > "$T/count"
read -r RECORDS JSON_BYTES BYTES < "$T/count"
echo "input: $CORPUS: $RECORDS records, $(awk "BEGIN{printf \"%.1f\", $JSON_BYTES/1e6}") MB of JSON lines, $(awk "BEGIN{printf \"%.1f\", $BYTES/1e6}") MB of article text (the unit of MB/s below)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A WALL
fail=0
# run LABEL CPUS THREADS: one timed run; CPUS is a taskset list or "" for the whole machine.
run() {
  local label=$1 cpus=$2 th=$3 pin=""
  [ -n "$cpus" ] && pin="taskset -c $cpus"
  $pin bash -c "zcat -f \"\$0\" | /usr/bin/time -v -o \"\$1\" \"\$2\" analyze --jsonl --threads \"\$3\" --quiet > \"\$4\"" \
    "$CORPUS" "$T/time.$label" "$BIN" "$th" "$T/out.$label" || {
    code=$?; [ $code -eq 3 ] || { echo "khabar exited $code"; cat "$T/time.$label"; exit 1; }; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.$label")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$T/time.$label")
  cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$T/time.$label")
  lines=$(wc -l < "$T/out.$label")
  python3 -c '
import json, sys
got = [json.dumps(json.loads(l).get("id")) for l in open(sys.argv[1])]
want = [l.rstrip("\n") for l in open(sys.argv[2])]
errs = sum(1 for l in open(sys.argv[1]) if "\"error\":" in l[:200] and "error" in json.loads(l))
print("in order" if got == want else "ORDER MISMATCH", errs)' "$T/out.$label" "$T/want.ids" > "$T/order.$label"
  read -r order errs < <(sed 's/in order/in_order/' "$T/order.$label")
  WALL[$label]=$wall
  mbs=$(awk "BEGIN{printf \"%.1f\", $BYTES/1e6/$wall}")
  printf '%-22s %s lines (%s error records), ids %s, wall %.2f s, %s MB/s of text, peak RSS %.1f MB, khabar CPU %.2f s\n' \
    "$label:" "$lines" "$errs" "${order/_/ }" "$wall" "$mbs" "$(awk "BEGIN{print $rss/1024}")" "$cpu"
  [ "$lines" = "$RECORDS" ] && [ "$order" = in_order ] || fail=1
  if [ "${CHECK:-0}" = 1 ]; then
    awk "BEGIN{exit !($rss < 200*1024)}" || { echo "  FAIL peak RSS >= 200 MB"; fail=1; }
  fi
  LAST_MBS=$mbs
}

run free-threads-1 "" 1
run free-threads-2 "" 2
echo "free: speed-up of --threads 2 over --threads 1: $(awk "BEGIN{printf \"%.2f\", ${WALL[free-threads-1]}/${WALL[free-threads-2]}}")x"
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  run pinned-1-core 0 1
  per_core=$LAST_MBS
  run pinned-2-cores 0,1 2
  speedup=$(awk "BEGIN{printf \"%.2f\", ${WALL[pinned-1-core]}/${WALL[pinned-2-cores]}}")
  echo "pinned: ${per_core} MB/s of text per core end to end (zcat included); second core: ${speedup}x"
  if [ "${CHECK:-0}" = 1 ]; then
    awk "BEGIN{exit !($per_core >= 20)}" || { echo "FAIL < 20 MB/s per core"; fail=1; }
    awk "BEGIN{exit !($speedup >= 1.7)}" || { echo "FAIL speed-up < 1.7x"; fail=1; }
  fi
else
  echo "pinned runs skipped (need taskset and 2 cores)"
  [ "${CHECK:-0}" = 1 ] && { echo "FAIL cannot check the per-core targets"; fail=1; }
fi
exit $fail
