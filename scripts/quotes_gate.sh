#!/usr/bin/env bash
# Who-said-what gates on ../shared (issues 3 and 11). Fails when a figure falls under its floor.
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
  quote_F1=0.9366 speaker_accuracy=0.9454 who_said_what_F1=0.8855 direct_P=0.9779 direct_R=0.92

# The 29 SaudiNewsNet dev articles, annotated without seeing khabar's output.
grep -E '"id": ?"snn-2015' "$SHARED/eval/dev.jsonl" > "$OUT/snn.gold.jsonl"
grep -E '"id": ?"snn-2015' "$OUT/dev.jsonl" > "$OUT/snn.jsonl"
python3 "$SHARED/eval/score.py" "$OUT/snn.gold.jsonl" "$OUT/snn.jsonl" --json > "$OUT/snn.score.json"
python3 scripts/check_floors.py "$OUT/snn.score.json" who_said_what_F1=0.8447 speaker_accuracy=0.9017

# Forty invented sentences, one phenomenon each (at least 36 of 40 pass).
"$BIN" analyze --jsonl --quiet "$SHARED/eval/phenomena_quotes.jsonl" > "$OUT/phenomena.jsonl"
python3 "$SHARED/eval/phenomena.py" "$SHARED/eval/phenomena_quotes.jsonl" "$OUT/phenomena.jsonl" | tee "$OUT/phenomena.txt" | tail -1
python3 - "$OUT/phenomena.txt" <<'PY'
import sys
passed, total = map(int, open(sys.argv[1]).read().split()[-1].split("/"))
ok = passed >= 38
print(f"{'ok  ' if ok else 'FAIL'} phenomena                {passed}/{total} (floor 38)")
sys.exit(0 if ok else 1)
PY

# The whole SaudiNewsNet archive, no gold: junk speaker names at most 0.5%, and no
# speaker of one letter.
if [ -f "$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz" ]; then
  zcat "$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz" | "$BIN" analyze --jsonl --quiet > "$OUT/snn.archive.jsonl"
  python3 "$SHARED/eval/archive_speakers.py" "$OUT/snn.archive.jsonl" > "$OUT/archive.txt"
  grep -E "junk|agreement" "$OUT/archive.txt"
  python3 - "$OUT/archive.txt" "$OUT/snn.archive.jsonl" <<'PY'
import json, re, sys
line = next(l for l in open(sys.argv[1]) if l.startswith("junk speaker names"))
junk, total = (int(x) for x in re.findall(r"(\d+) of (\d+)", line)[0])
diac = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
single = 0
for l in open(sys.argv[2], encoding="utf-8"):
    for q in json.loads(l).get("quotes") or []:
        sp = q.get("speaker") or {}
        name = diac.sub("", sp.get("name") or sp.get("text") or "").replace(".", "").strip()
        single += bool(sp) and len(name) <= 1
rate = junk / total
ok = rate <= 0.005 and single == 0
print(f"{'ok  ' if ok else 'FAIL'} archive junk speakers    {rate:.4f} (floor <= 0.005), one-letter speakers {single} (must be 0)")
sys.exit(0 if ok else 1)
PY
fi

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
