#!/usr/bin/env bash
# Who-said-what gates on ../shared (issue 3). Fails when a figure falls under its floor.
# Usage: bash scripts/quotes_gate.sh   (SHARED=/path/to/shared to override)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
cargo build --release -q -p khabar-cli
BIN=target/release/khabar
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

"$BIN" analyze --jsonl "$SHARED/eval/dev.jsonl" > "$OUT/dev.jsonl"
python3 "$SHARED/eval/score.py" "$SHARED/eval/dev.jsonl" "$OUT/dev.jsonl" --json > "$OUT/dev.score.json"
python3 scripts/check_floors.py "$OUT/dev.score.json" \
  quote_F1=0.9128 speaker_accuracy=0.8629 who_said_what_F1=0.7877 direct_P=0.9361 direct_R=0.91

# The seed article alone: every non-optional gold quote found with the right speaker.
grep '"id": "seed-' "$SHARED/eval/dev.jsonl" > "$OUT/seed.gold.jsonl"
"$BIN" analyze --jsonl "$OUT/seed.gold.jsonl" > "$OUT/seed.jsonl"
python3 "$SHARED/eval/score.py" "$OUT/seed.gold.jsonl" "$OUT/seed.jsonl" --json > "$OUT/seed.score.json"
python3 scripts/check_floors.py "$OUT/seed.score.json" who_said_what_R=1.0

# Confidence that means something: quotes at confidence >= 0.9 are right (content and
# speaker) at least 90% of the time on the dev set (khabar eval's reliability table).
"$BIN" eval "$SHARED/eval/dev.jsonl" 2> "$OUT/reliability.txt" > /dev/null
cat "$OUT/reliability.txt"
python3 - "$OUT/reliability.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l[:1].isdigit()]
top = next(r for r in rows if r[0] == "0.9-1.0")
share = float(top[2])
ok = share >= 0.90
print(f"{'ok  ' if ok else 'FAIL'} confidence>=0.9 right     {share} (floor 0.90)")
sys.exit(0 if ok else 1)
PY
