#!/usr/bin/env bash
# Evaluation gates on ../shared (see README "Accuracy"). Fails when a figure falls under its
# floor. Usage: bash scripts/gates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
cargo build --release -q -p khabar-cli
BIN=target/release/khabar
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== news dev set: sentences (score.py on khabar analyze --jsonl)"
"$BIN" analyze --jsonl --quiet "$SHARED/eval/dev.jsonl" > "$OUT/dev.jsonl"
python3 "$SHARED/eval/score.py" "$SHARED/eval/dev.jsonl" "$OUT/dev.jsonl" --json > "$OUT/dev.score.json"
python3 scripts/check_floors.py "$OUT/dev.score.json" \
  boundary_F1=0.995 sentence_F1=0.985

echo "== who said what (dev set floors and the seed article)"
bash scripts/quotes_gate.sh

echo "== peer sentence-splitting cases"
python3 scripts/peers_gate.py

echo "== summaries"
bash scripts/summary_gates.sh

echo "== khabar eval agrees with score.py"
bash scripts/eval_agree.sh 5
