#!/usr/bin/env bash
# analyze_many's thread scaling (issue 13): threads=1 against threads=2 on the first N
# (default 2,000) non-empty SaudiNewsNet articles, ROUNDS (default 7) interleaved rounds,
# best and median of each, the speed-up both ways, and the two-thread CPU breakdown (serial
# part on the calling thread, a CPU-time projection of the speed-up on two idle cores: on a
# loaded machine only CPU times mean anything). Builds and installs the wheel into
# target/pyvenv as scripts/ci_python.sh does (skip with NO_BUILD=1 once it is installed).
# Opt-in, not part of CI; about 1 min once the wheel is built.
#
# Usage: bash scripts/bench_threads.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
GZ=${SHARED:-../shared}/corpora/saudinewsnet/saudinewsnet.jsonl.gz
[ -f "$GZ" ] || { echo "bench_threads: $GZ absent" >&2; exit 2; }
VENV=target/pyvenv
PY="$VENV/bin/python"
if [ "${NO_BUILD:-0}" != 1 ]; then
  [ -x "$PY" ] || python3 -m venv "$VENV"
  "$PY" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt
  rm -f target/wheels/khabar-*.whl
  "$VENV/bin/maturin" build --release -q -m python/Cargo.toml -i "$PY" -o target/wheels
  "$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/khabar-*.whl
fi
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
(cd python && "../$PY" bench/threads.py "../$GZ" "${1:-2000}" "${2:-7}")
