#!/usr/bin/env bash
# Batch throughput end to end, as a user runs it:
#   zcat saudinewsnet.jsonl.gz | khabar analyze --jsonl --threads N > out
# for N = 1 and 2: wall time, MB/s (uncompressed input), peak RSS (/usr/bin/time -v),
# output lines and ids in input order. With CHECK=1, fails unless the targets hold:
# >= 20 MB/s on one thread, >= 1.7x on two, peak RSS < 200 MB, one line per record, in order.
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
n = b = 0
with open(sys.argv[1], "w") as ids:
    for line in sys.stdin.buffer:
        b += len(line)
        if line.strip():
            n += 1
            ids.write(json.dumps(json.loads(line).get("id")) + "\n")
print(n, b)' "$T/want.ids" > "$T/count"
read -r RECORDS BYTES < "$T/count"
echo "input: $CORPUS: $RECORDS records, $(awk "BEGIN{printf \"%.1f\", $BYTES/1e6}") MB uncompressed"

declare -A WALL
fail=0
for th in 1 2; do
  zcat -f "$CORPUS" | /usr/bin/time -v -o "$T/time.$th" "$BIN" analyze --jsonl --threads "$th" --quiet > "$T/out.$th" || {
    code=$?; [ $code -eq 3 ] || { echo "khabar exited $code"; cat "$T/time.$th"; exit 1; }; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/time.$th")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$T/time.$th")
  cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$T/time.$th")
  lines=$(wc -l < "$T/out.$th")
  python3 -c '
import json, sys
got = [json.dumps(json.loads(l).get("id")) for l in open(sys.argv[1])]
want = [l.rstrip("\n") for l in open(sys.argv[2])]
errs = sum(1 for l in open(sys.argv[1]) if "\"error\":" in l[:200] and "error" in json.loads(l))
print("in order" if got == want else "ORDER MISMATCH", errs)' "$T/out.$th" "$T/want.ids" > "$T/order.$th"
  read -r order errs < <(sed 's/in order/in_order/' "$T/order.$th")
  WALL[$th]=$wall
  mbs=$(awk "BEGIN{printf \"%.1f\", $BYTES/1e6/$wall}")
  printf 'threads %s: %s lines (%s error records), ids %s, wall %.2f s, %s MB/s, peak RSS %.1f MB, CPU %.2f s (%.1f MB per CPU-second)\n' \
    "$th" "$lines" "$errs" "${order/_/ }" "$wall" "$mbs" "$(awk "BEGIN{print $rss/1024}")" "$cpu" "$(awk "BEGIN{print $BYTES/1e6/$cpu}")"
  [ "$lines" = "$RECORDS" ] && [ "$order" = in_order ] || fail=1
  if [ "${CHECK:-0}" = 1 ]; then
    awk "BEGIN{exit !($rss < 200*1024)}" || { echo "  FAIL peak RSS >= 200 MB"; fail=1; }
    [ "$th" = 1 ] && { awk "BEGIN{exit !($mbs >= 20)}" || { echo "  FAIL < 20 MB/s on one thread"; fail=1; }; }
  fi
done
speedup=$(awk "BEGIN{printf \"%.2f\", ${WALL[1]}/${WALL[2]}}")
echo "speed-up on 2 threads: ${speedup}x"
if [ "${CHECK:-0}" = 1 ]; then
  awk "BEGIN{exit !($speedup >= 1.7)}" || { echo "FAIL speed-up < 1.7x"; fail=1; }
fi
exit $fail
