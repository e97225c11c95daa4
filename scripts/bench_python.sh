#!/usr/bin/env bash
# Speed of the Python package against sumy LexRank and pySBD (issue 13), one run on the
# first N (default 2,000) SaudiNewsNet articles: the README's "Python" table. Opt-in, not
# part of CI. Builds and installs the wheel into target/pyvenv (as scripts/ci_python.sh
# does) and the peers at pinned versions.
#
# Usage: bash scripts/bench_python.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
GZ=${SHARED:-../shared}/corpora/saudinewsnet/saudinewsnet.jsonl.gz
[ -f "$GZ" ] || { echo "bench_python: $GZ absent" >&2; exit 2; }
VENV=target/pyvenv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt \
  sumy==0.13.0 pysbd==0.3.4
rm -f target/wheels/khabar-*.whl
"$VENV/bin/maturin" build --release -q -m python/Cargo.toml -i "$PY" -o target/wheels
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/khabar-*.whl
(cd python && "../$PY" bench/bench.py "../$GZ" "${1:-2000}")
