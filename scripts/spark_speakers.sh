#!/usr/bin/env bash
# Opt-in: the archive's speaker table built by Spark (local mode) with khabar's merging key,
# checked equal to `khabar index build`'s on the same N articles (default 3,000) of
# ../shared/corpora/saudinewsnet (README "Quote archive"). Installs pyspark into
# .venv-spark (gitignored) when missing; needs Java 17. About 1.5 min on 2 cores.
#
# Usage: bash scripts/spark_speakers.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
N=${1:-3000}
VENV=${KHABAR_SPARK_VENV:-.venv-spark}
case $VENV in /*) ;; *) VENV=$PWD/$VENV ;; esac
command -v java >/dev/null || { echo "spark_speakers: java not found (Spark needs Java 17)" >&2; exit 2; }
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "spark_speakers: installing pyspark into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark
fi
INPUT="$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
[ -f "$INPUT" ] || { echo "spark_speakers: $INPUT absent: skipped"; exit 0; }
cargo build --release -q -p khabar-cli
export PYSPARK_PYTHON="$VENV/bin/python"
"$VENV/bin/python" scripts/spark_speakers.py target/release/khabar "$INPUT" "$N"
