#!/usr/bin/env bash
# Opt-in: run khabar under Apache Spark in local mode (see README "Spark").
#
# Installs pyspark (pinned: PYSPARK_VERSION) from PyPI into .venv-spark (gitignored) when
# missing or another version (needs Java 17),
# builds the release binary, ships it with SparkContext.addFile and drives it through
# mapPartitions + subprocess and through RDD.pipe on N records (default 10,000) of
# ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz, or of the project's corpus/ when
# ../shared is absent; checks one output per input, ids in input order, no error records.
#
# Usage: bash scripts/spark_smoke.sh [N]          (.ci/run calls it when KHABAR_SPARK=1)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
N=${1:-10000}
VENV=${KHABAR_SPARK_VENV:-.venv-spark}
PYSPARK_VERSION=4.3.0
command -v java >/dev/null || { echo "spark_smoke: java not found (Spark needs Java 17)" >&2; exit 2; }
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "spark_smoke: installing pyspark==$PYSPARK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi
cargo build --release -q -p khabar-cli
INPUT="$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
if [ ! -f "$INPUT" ]; then
  INPUT=corpus
  [ -d "$INPUT" ] || INPUT=cli/tests/data/eval
fi
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
"$VENV/bin/python" scripts/spark_smoke.py target/release/khabar "$INPUT" "$N"
