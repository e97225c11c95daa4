#!/usr/bin/env bash
# Summary gates on ../shared (1–2 minutes): EASC dev half against Lead at the same length
# (and by source type), the news dev set's 3-sentence summaries against their floor and
# against the cleaned first three body sentences (`--lead`), one cross-fitted split (fit on
# one half, score the other), and the archive check (no summary item on 1,000 SaudiNewsNet
# articles starts with a dateline or byline, is a list item or is under 4 words).
# Fails when a figure falls under its floor.
# Usage: bash scripts/summary_gates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
export SHARED
if [ ! -d "$SHARED/eval" ]; then
  echo "skip: $SHARED/eval not found"
  exit 0
fi
cargo build --release -q -p khabar-cli
cargo build --release -q -p khabar --example fit_summary_weights
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== EASC dev half: khabar summarize --words N vs Lead"
bash scripts/easc_run.sh "$SHARED/eval/easc_dev.jsonl" "$OUT/easc.jsonl" > "$OUT/easc.score.json"
python3 - "$OUT/easc.score.json" "$SHARED/eval/easc_dev.jsonl" "$OUT/easc.jsonl" <<'PY'
import json, os, statistics, sys
sys.path.insert(0, os.path.join(os.environ["SHARED"], "eval"))
import easc_score
r = json.load(open(sys.argv[1]))
lo, hi = r["diff_rouge1_ci95"]
print(f"system R1 {r['system_rouge1']:.4f}  lead R1 {r['lead_rouge1']:.4f}  "
      f"diff {r['diff_rouge1']:+.4f}  95% CI [{lo:+.4f}, {hi:+.4f}]  words {r['mean_words']:.1f}/{r['mean_reference_words']:.1f}")
# By source type (encyclopaedia entries, newspapers): the same protocol per group.
data = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
system = {}
for l in open(sys.argv[3], encoding="utf-8"):
    x = json.loads(l)
    system[x["id"]] = easc_score.summary_text(x.get("summary"))
by = {}
for d in data:
    t = system.get(d["id"], "")
    lead = " ".join(d["article"].split()[: len(t.split())])
    s, l = easc_score.score(t, d["summaries"])["rouge1"], easc_score.score(lead, d["summaries"])["rouge1"]
    by.setdefault(d.get("source", "?"), []).append((s, l))
for src, v in sorted(by.items()):
    print(f"  {src:20s} n {len(v):3d}  R1 {statistics.mean(a for a, _ in v):.4f}  "
          f"lead {statistics.mean(b for _, b in v):.4f}  diff {statistics.mean(a - b for a, b in v):+.4f}")
bad = []
if r["diff_rouge1"] < 0:
    bad.append("diff_rouge1 < 0 (Lead wins)")
if r["system_rouge1"] < 0.51:
    bad.append("system_rouge1 < 0.51")
if r["missing"]:
    bad.append(f"{r['missing']} articles missing")
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
PY

echo "== news dev: 3-sentence summaries of khabar analyze, and the cleaned Lead-3 (--lead)"
target/release/khabar analyze --jsonl "$SHARED/eval/dev.jsonl" > "$OUT/dev.jsonl"
python3 "$SHARED/eval/score.py" "$SHARED/eval/dev.jsonl" "$OUT/dev.jsonl" --json > "$OUT/dev.score.json"
target/release/khabar summarize --lead --json --jsonl --quiet "$SHARED/eval/dev.jsonl" > "$OUT/lead.jsonl"
python3 "$SHARED/eval/score.py" "$SHARED/eval/dev.jsonl" "$OUT/lead.jsonl" --json > "$OUT/lead.score.json"
python3 - "$OUT/dev.score.json" "$OUT/lead.score.json" <<'PY'
import json, sys
k, l = (json.load(open(p))["summary_rouge1"] for p in sys.argv[1:3])
print(f"khabar R1 {k:.4f}  cleaned Lead-3 R1 {l:.4f}  diff {k - l:+.4f}")
if k < l:
    sys.exit("FAIL: khabar under the cleaned Lead-3")
PY
python3 scripts/check_floors.py "$OUT/dev.score.json" summary_rouge1=0.831

echo "== cross-fitted (one random 2-fold split, the shipped feature set, EASC + news)"
python3 scripts/summary_crossfit.py --splits 1 --sets +keyword --seed 12 | tee "$OUT/crossfit.txt"
python3 - "$OUT/crossfit.txt" <<'PY'
import re, sys
diffs = {m.group(1): float(m.group(2)) for m in
         re.finditer(r"^(easc|news) split 0 \+keyword .* diff ([-+][0-9.]+)", open(sys.argv[1]).read(), re.M)}
print(f"held-out diff: EASC {diffs['easc']:+.4f}, news {diffs['news']:+.4f}")
# EASC: at least Lead on held-out articles. News: the cleaned Lead-3 is a strong baseline and
# one split of 72 articles is noisy (over 5 splits: -0.008 to +0.010); fail only well under it.
if diffs["easc"] < 0.0 or diffs["news"] < -0.01:
    sys.exit("FAIL: held-out summaries under Lead")
PY

echo "== archive: summary items on 1,000 SaudiNewsNet articles"
python3 scripts/summary_archive_check.py --n 1000 --max-bad 0
