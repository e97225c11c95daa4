#!/usr/bin/env bash
# Summarize every EASC article with `khabar summarize --words N` (N = the mean length of its
# human summaries, from easc_score.py --budgets) and score against Lead at the same length.
# Usage: bash scripts/easc_run.sh [DATA.jsonl] [OUT.jsonl]   (prints the scorer's JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=${1:-$SHARED/eval/easc_dev.jsonl}
OUT=${2:-$(mktemp)}
BIN=${KHABAR:-target/release/khabar}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 "$SHARED/eval/easc_score.py" "$DATA" --budgets > "$TMP/budgets.tsv"
python3 - "$DATA" "$TMP" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        open(f"{sys.argv[2]}/{r['id']}.txt", "w", encoding="utf-8").write(r["article"])
PY
: > "$TMP/raw.jsonl"
while IFS=$'\t' read -r id words; do
  "$BIN" summarize --quiet "$TMP/$id.txt" --words "$words" --json ${WEIGHTS:+--weights "$WEIGHTS"} >> "$TMP/raw.jsonl"
done < "$TMP/budgets.tsv"
# The records carry the file name as id: give them back the article's id.
python3 - "$TMP/raw.jsonl" "$OUT" <<'PY'
import json, os, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        r["id"] = os.path.basename(r["id"])[: -len(".txt")]
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
python3 "$SHARED/eval/easc_score.py" "$DATA" "$OUT" --json
