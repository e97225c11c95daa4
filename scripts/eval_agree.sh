#!/usr/bin/env bash
# `khabar eval` must print the same metrics as the reference scorer score.py.
#
#  1. On ../shared/eval/dev.jsonl: `khabar eval` (which runs the analyzer itself) against
#     score.py on `khabar analyze --jsonl` output. The gate: every metric equal to 3
#     decimals. The full outputs (table, --json, --per-article) are also diffed byte for byte.
#  2. On perturbed system outputs made from the gold at run time (scripts/eval_perturb.py,
#     N seeds; nothing is written to the repo): `khabar eval --system` vs score.py, byte for
#     byte. This exercises quote pairing ties, optional quotes, speakers, merged/split
#     sentences and summaries whatever the analyzer currently finds.
#  3. The hand-made cases in cli/tests/data/eval/ (these need no ../shared).
#
# Usage: bash scripts/eval_agree.sh [SEEDS]     (default 20 seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SEEDS=${1:-20}
SCORE="$SHARED/eval/score.py"
[ -f "$SCORE" ] || { echo "eval_agree: $SCORE not found" >&2; exit 2; }
cargo build --release -q -p khabar-cli
BIN=target/release/khabar
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

same3() { # score.py JSON vs khabar JSON: same keys, every number equal to 3 decimals
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[1:3])
bad = [k for k in sorted(set(a) | set(b))
       if k not in a or k not in b
       or (a[k] is None) != (b[k] is None)
       or (a[k] is not None and f"{a[k]:.3f}" != f"{b[k]:.3f}")]
for k in bad:
    print(f"  DIFF {k}: score.py {a.get(k)} khabar {b.get(k)}")
print(f"  {len(a)} metrics, {len(bad)} differ at 3 decimals")
sys.exit(1 if bad else 0)
PY
}

compare() { # GOLD SYSTEM-or-empty LABEL: run both scorers in every mode
  local gold=$1 sys=$2 label=$3
  for flags in "" "--json" "--per-article"; do
    if [ -n "$sys" ]; then
      python3 "$SCORE" "$gold" "$sys" $flags > "$T/py.txt"
      "$BIN" eval "$gold" --system "$sys" $flags > "$T/rs.txt"
    else
      "$BIN" analyze --jsonl --quiet "$gold" > "$T/sys.jsonl" || [ $? -eq 3 ]
      python3 "$SCORE" "$gold" "$T/sys.jsonl" $flags > "$T/py.txt"
      "$BIN" eval "$gold" $flags > "$T/rs.txt"
    fi
    if ! cmp -s "$T/py.txt" "$T/rs.txt"; then
      echo "FAIL $label [$flags]: outputs differ"; diff "$T/py.txt" "$T/rs.txt" | head -10; fail=1
    fi
  done
}

echo "== dev.jsonl: khabar eval vs score.py on khabar analyze output"
"$BIN" analyze --jsonl --quiet "$SHARED/eval/dev.jsonl" > "$T/dev.sys.jsonl"
python3 "$SCORE" "$SHARED/eval/dev.jsonl" "$T/dev.sys.jsonl" --json > "$T/dev.py.json"
"$BIN" eval "$SHARED/eval/dev.jsonl" --json > "$T/dev.rs.json"
same3 "$T/dev.py.json" "$T/dev.rs.json" || fail=1
compare "$SHARED/eval/dev.jsonl" "" "dev.jsonl"

echo "== $SEEDS perturbed systems on dev.jsonl: khabar eval --system vs score.py"
for seed in $(seq 1 "$SEEDS"); do
  python3 scripts/eval_perturb.py "$SHARED/eval/dev.jsonl" "$seed" > "$T/p.jsonl"
  compare "$SHARED/eval/dev.jsonl" "$T/p.jsonl" "seed $seed"
done

echo "== hand-made cases (cli/tests/data/eval)"
compare cli/tests/data/eval/gold.jsonl cli/tests/data/eval/system.jsonl "hand-made"

if [ "$fail" = 0 ]; then echo "eval_agree: ok"; else echo "eval_agree: FAILED"; fi
exit $fail
