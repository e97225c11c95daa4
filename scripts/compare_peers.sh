#!/usr/bin/env bash
# Speed against the peers, every tool on the same text sample and timed the same way
# (issue 16). Opt-in: not part of CI (it installs the peers from PyPI and crates.io).
#
#   bash scripts/compare_peers.sh                    # 2 MB of SaudiNewsNet, 5 rounds
#   SAMPLE_MB=4 ROUNDS=5 bash scripts/compare_peers.sh
#
# - Sample: the first SAMPLE_MB MB (10^6 bytes of UTF-8 article text) of non-empty
#   SaudiNewsNet articles (corpus/bench repeated when ../shared is absent); every tool gets
#   all of it. MB everywhere means MB of article text (no JSON).
# - Peers pinned: the Rust peers by scripts/peers-rs/Cargo.lock (built with --locked), the
#   Python peers by scripts/peers-requirements.txt (exact versions of every package,
#   installed into .venv-peers).
# - Timing: ROUNDS rounds (default 5); in each, the Rust harness (scripts/peers-rs) and the
#   Python one (scripts/peers_py.py) each time one pass of every tool over the sample, after
#   an untimed warm-up; the two alternate which goes first. Every tool runs on one thread,
#   timed by that thread's on-CPU time (CLOCK_THREAD_CPUTIME_ID, Python's time.thread_time)
#   and by wall time. The table gives the best and the median pass of each tool (CPU time;
#   TIMER=wall for wall time).
# - Ratios: paired passes. Every peer is timed together with the same work done by khabar,
#   in the same moments: a Rust peer with the khabar crate in the Rust harness, six whole
#   passes each back to back, peer/khabar/khabar/peer/… ("khabar with TOOL"); a Python peer
#   with khabar's Python package in the Python harness, interleaved 8 articles at a time
#   (a peer's pass takes seconds there) ("khabar (Python) with TOOL"). A ratio is the two
#   times of a round divided; the table gives the median of the rounds' ratios and their
#   range, and the goals are judged on the median. (A ratio of best times would pair a pass
#   of one round with a pass of another.) The speed of this kind of machine drifts by up to
#   1.6x within minutes, which timing a tool's pass against khabar's pass of another moment
#   let into the ratio. The khabar rows of the table (MB/s) are its own passes.
# - Python runs with PYTHONHASHSEED=0, so every round hashes the same way.
# - Printed first: date, commit, CPU model, load average, rustc, python and every peer's
#   version, and sumy's configuration (with and without its stemmer).
# Run time on a 2-core machine: about 5 min for 5 rounds of 2 MB once built (sumy and pySBD
# take most of it); the first run adds the venv, the khabar wheel and the peers-rs build.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLE_MB="${SAMPLE_MB:-2}"
ROUNDS="${ROUNDS:-5}"
TIMER="${TIMER:-cpu}"
OUT=target/peers
mkdir -p "$OUT"
GZ=${SHARED:-../shared}/corpora/saudinewsnet/saudinewsnet.jsonl.gz

# 1. The sample: one JSON line {"text"} per article.
python3 - "$GZ" "$SAMPLE_MB" "$OUT/texts.jsonl" > "$OUT/sample.txt" <<'PY'
import glob, gzip, json, os, sys
gz, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
texts, size = [], 0
if os.path.exists(gz):
    src = "SaudiNewsNet, the first non-empty articles up to %g MB of text" % mb
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
print("sample: %s: %d articles, %.2f MB of text" % (src, len(texts), size / 1e6))
PY

# 2. Python peers, pinned, in a local venv.
if [ ! -x .venv-peers/bin/python ]; then python3 -m venv .venv-peers; fi
if ! .venv-peers/bin/pip freeze --exclude maturin --exclude khabar 2>/dev/null | sort | cmp -s - <(grep -v '^#' scripts/peers-requirements.txt | sort); then
  .venv-peers/bin/pip install -q --disable-pip-version-check -r scripts/peers-requirements.txt
fi

# khabar's Python package (the paired passes), built from this checkout with the pinned
# maturin of python/requirements-test.txt; rebuilt every run (cargo's cache keeps it short).
.venv-peers/bin/pip install -q --disable-pip-version-check "$(grep '^maturin==' python/requirements-test.txt)"
rm -rf "$OUT/wheels"
.venv-peers/bin/maturin build --release -q -m python/Cargo.toml -i .venv-peers/bin/python -o "$OUT/wheels"
.venv-peers/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps "$OUT"/wheels/khabar-*.whl

# 3. Rust peers, pinned by their Cargo.lock, outside the workspace.
cargo build --release -q --locked --manifest-path scripts/peers-rs/Cargo.toml
RS=scripts/peers-rs/target/release/khabar-peers
PY=.venv-peers/bin/python

# 4. What is measured, on what.
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src data scripts/peers-rs || echo ' (with uncommitted changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rustc: $(rustc -V)"
  echo "python: $($PY -V 2>&1)"
  for c in sentencex icu_segmenter unicode-segmentation; do
    v=$(awk -v n="$c" '$0=="name = \""n"\"" {getline; gsub(/version = |"/, ""); print}' scripts/peers-rs/Cargo.lock)
    echo "rust crate $c $v"
  done
  $PY scripts/peers_py.py --config
  cat "$OUT/sample.txt"
  echo "rounds: $ROUNDS; in each, every Rust peer timed over 6 whole passes paired with 6 of khabar, every Python peer over one pass interleaved with khabar's Python package 8 articles at a time, and khabar's own passes; timer: $TIMER"
} | tee "$OUT/header.txt"

# 5. Interleaved rounds.
: > "$OUT/results.tsv"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="rs py"; else order="py rs"; fi
  for h in $order; do
    if [ "$h" = rs ]; then "$RS" "$OUT/texts.jsonl"; else PYTHONHASHSEED=0 "$PY" scripts/peers_py.py "$OUT/texts.jsonl"; fi \
      | sed "s/^/$r\t/" >> "$OUT/results.tsv"
  done
  echo "round $r of $ROUNDS done" >&2
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/header.txt"

# 6. The table.
python3 - "$OUT/results.tsv" "$TIMER" <<'PY'
import statistics, sys
runs = {}
for l in open(sys.argv[1]):
    if not l.strip():
        continue
    r, tool, task, nbytes, wall, cpu, n = l.rstrip("\n").split("\t")
    secs = float(cpu if sys.argv[2] == "cpu" else wall)
    runs.setdefault((tool, task), []).append((secs, int(nbytes), n, int(r)))
PAIRED = ("khabar (Python) with ", "khabar with ")
def mbs(key, how):
    secs = [s for s, _, _, _ in runs[key]]
    t = min(secs) if how == "best" else statistics.median(secs)
    return runs[key][0][1] / 1e6 / max(t, 1e-9)
def mine_of(key):
    for pre in PAIRED:
        if (pre + key[0], key[1]) in runs:
            return (pre + key[0], key[1])
    return None
def paired_ratios(key):
    """A peer against khabar in the same passes: the median, lowest and highest of the
    rounds' ratios (a ratio of best times would pair passes of different rounds)."""
    mine = mine_of(key)
    if mine is None:
        return None
    tool = {r: s for s, _, _, r in runs[key]}
    me = {r: s for s, _, _, r in runs[mine]}
    per_round = [tool[r] / max(me[r], 1e-9) for r in sorted(tool) if r in me]
    return statistics.median(per_round), min(per_round), max(per_round)
order = {"split": 0, "analyze": 1, "summarize": 2}
print()
print("| task | tool | MB/s best (%s) | MB/s median | khabar / tool: median of the rounds' ratios | lowest–highest round | khabar run compared |" % ("CPU time" if sys.argv[2] == "cpu" else "wall"))
print("|---|---|---:|---:|---:|---:|---|")
for key in sorted(runs, key=lambda k: (order.get(k[1], 9), -mbs(k, "best"))):
    tool, task = key
    if tool.startswith("khabar"):
        ratio = "— | — | "
        for pre in PAIRED:
            if tool.startswith(pre):
                ratio += "(khabar%s, in the passes of %s)" % (
                    "'s Python package" if "Python" in pre else "", tool[len(pre):])
    else:
        med, lo, hi = paired_ratios(key)
        python = mine_of(key)[0].startswith(PAIRED[0])
        what = ("analyze, 3-sentence summary" if task == "summarize"
                else "split, one call per article")
        ratio = "**%.1f×** | %.1f–%.1f | khabar%s (%s) in the same passes" % (
            med, lo, hi, "'s Python package" if python else "", what)
    print("| %s | %s | %.2f | %.2f | %s |" % (task, tool, mbs(key, "best"), mbs(key, "median"), ratio))
counts = {k: {n for _, _, n, _ in v} for k, v in runs.items()}
odd = [k for k, v in counts.items() if len(v) != 1]
if odd:
    print("\nWARNING: a tool's output count changed between rounds:", odd)
print()
goals = [
    ("khabar split ≥ 2.5× sentencex (Rust)", ("sentencex (Rust)", "split"), 2.5),
    ("khabar split ≥ 2× ICU (icu_segmenter)", ("icu_segmenter", "split"), 2.0),
]
for name, peer, want in goals:
    med, lo, hi = paired_ratios(peer)
    print("goal %s: %.2f× (median of the rounds' paired ratios; rounds %.2f–%.2f) — %s"
          % (name, med, lo, hi, "met" if med >= want else "NOT met"))
ka = mbs(("khabar", "analyze"), "best")
print("goal full analysis ≥ 40 MB/s of text per core: %.1f MB/s (best, one thread) — %s"
      % (ka, "met" if ka >= 40 else "NOT met"))
PY
