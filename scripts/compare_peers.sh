#!/usr/bin/env bash
# Speed against the peers, in one run, on the same Arabic news text (issue 6). Opt-in: not
# part of CI's default path (it installs peers from PyPI and crates.io).
#
#   scripts/compare_peers.sh                 # 20 MB of SaudiNewsNet, or corpus/bench when absent
#   PEERS_MB=5 SUMY_MB=1 scripts/compare_peers.sh
#
# Installs sentencex, pySBD, sumy (+ numpy, nltk as its dependency; no NLTK data download)
# into .venv-peers (gitignored), builds scripts/peers-rs (its own workspace: the sentencex
# crate, icu_segmenter, unicode-segmentation, and khabar by path), times everything on the
# same articles and prints MB/s and khabar/peer ratios. Exits 1 when a target is missed:
# khabar split >= 1.5x sentencex (Rust), khabar full analysis >= 50x sumy LexRank.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS_MB="${PEERS_MB:-20}"      # text for the fast tools
PYSBD_MB="${PYSBD_MB:-1}"       # prefix for pySBD (≈0.3 MB/s)
SUMY_MB="${SUMY_MB:-1}"         # prefix for sumy LexRank (≈0.3 MB/s)
OUT=target/peers
mkdir -p "$OUT"
GZ=../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz

# 1. The texts: one JSON line {"text"} per article.
python3 - "$GZ" "$PEERS_MB" "$OUT/texts.jsonl" <<'PY'
import glob, gzip, json, os, sys
gz, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
texts, size = [], 0
if os.path.exists(gz):
    src = "SaudiNewsNet (first %g MB of texts)" % mb
    with gzip.open(gz, "rt", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line).get("text") or ""
            if not t.strip():
                continue
            texts.append(t)
            size += len(t.encode())
            if size >= mb * 1e6:
                break
else:
    src = "corpus/bench articles repeated to %g MB (../shared absent)" % mb
    arts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("corpus/bench/*.txt"))]
    while size < mb * 1e6:
        for a in arts:
            texts.append(a)
            size += len(a.encode())
with open(out, "w", encoding="utf-8") as f:
    for t in texts:
        f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
print("text: %s — %d articles, %.1f MB" % (src, len(texts), size / 1e6), file=sys.stderr)
PY

# 2. Python peers in a local venv.
if [ ! -x .venv-peers/bin/python ]; then python3 -m venv .venv-peers; fi
if ! .venv-peers/bin/python -c "import sentencex, pysbd, sumy, numpy" 2>/dev/null; then
  .venv-peers/bin/pip install -q sentencex pysbd sumy numpy
fi

# 3. Rust peers, outside the workspace.
cargo build --release -q --manifest-path scripts/peers-rs/Cargo.toml

# 4. Time, in one run.
: > "$OUT/results.tsv"
scripts/peers-rs/target/release/khabar-peers "$OUT/texts.jsonl" | tee -a "$OUT/results.tsv" >&2
.venv-peers/bin/python scripts/peers_py.py "$OUT/texts.jsonl" "$PYSBD_MB" "$SUMY_MB" \
  | tee -a "$OUT/results.tsv" >&2

# 5. The table.
python3 - "$OUT/results.tsv" <<'PY'
import datetime, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
speed = {}
for tool, task, nbytes, secs, n in rows:
    speed[(tool, task)] = (int(nbytes) / 1e6 / max(float(secs), 1e-9), int(nbytes) / 1e6, n)
ks = speed[("khabar", "split")][0]
ka = speed[("khabar", "analyze")][0]
print("Measured %s UTC, %s" % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"),
                               "scripts/compare_peers.sh"))
print()
print("| task | tool | MB timed | MB/s | khabar / peer |")
print("|---|---|---|---|---|")
fail = []
order = {"split": 0, "summarize": 1, "analyze": 2}
for (tool, task), (mbs, mb, n) in sorted(speed.items(), key=lambda kv: order.get(kv[0][1], 9)):
    if tool.startswith("khabar"):
        ratio = "—"
    else:
        mine = ka if task == "summarize" else ks
        r = mine / mbs
        ratio = "%.1f× (khabar %s)" % (r, "analyze" if task == "summarize" else "split")
        if tool == "sentencex (Rust)" and r < 1.5:
            fail.append("khabar split %.2f× sentencex (Rust) < 1.5×" % r)
        if tool == "sumy LexRank" and r < 50:
            fail.append("khabar analyze %.1f× sumy LexRank < 50×" % r)
    print("| %s | %s | %.1f | %.2f | %s |" % (task, tool, mb, mbs, ratio))
print()
for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
