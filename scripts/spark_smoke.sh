#!/usr/bin/env bash
# khabar under Apache Spark in local-cluster mode (2 workers, executors in separate JVMs),
# the binary shipped with spark-submit --files (see README "Apache Spark"). .ci/run calls it.
#
# Installs Java from Debian's packages when java is absent or older than 17, and pyspark
# (pinned: PYSPARK_VERSION) into $KHABAR_SPARK_VENV (default .venv-spark, gitignored;
# relative or absolute) when missing or another version. Builds the release binary (or uses
# $KHABAR_BIN, e.g. the static musl build) and runs scripts/spark_smoke.py on N records
# (default 10,000) of ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz, or of the
# project's corpus/ when ../shared is absent: mapPartitions, RDD.pipe and the DataFrame
# helper (scripts/khabar_spark.py), each byte-identical to the CLI; bad input (blank,
# malformed, missing text); a killed khabar process must fail the job.
#
# Usage: bash scripts/spark_smoke.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-../shared}
N=${1:-10000}
VENV=${KHABAR_SPARK_VENV:-.venv-spark}
case $VENV in /*) ;; *) VENV=$ROOT/$VENV ;; esac
PYSPARK_VERSION=4.3.0
start=$(date +%s)

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  echo "spark_smoke: installing Java 17 from Debian's packages (Spark 4 needs Java 17 or 21)"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
JAVA_MAJOR=$(java_major)
case $JAVA_MAJOR in
  17|21) ;;
  *) echo "spark_smoke: Java $JAVA_MAJOR found; pyspark $PYSPARK_VERSION needs Java 17 or 21" >&2; exit 2 ;;
esac
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "spark_smoke: installing pyspark==$PYSPARK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
if [ -z "${KHABAR_BIN:-}" ]; then
  cargo build --release -q -p khabar-cli
  KHABAR_BIN=$ROOT/target/release/khabar
fi
INPUT="$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
if [ ! -f "$INPUT" ]; then
  INPUT=corpus
  [ -d "$INPUT" ] || INPUT=cli/tests/data/eval
fi
INPUT=$(cd "$(dirname "$INPUT")" && pwd)/$(basename "$INPUT")

# The files to ship: the binary, and a wrapper that kills it once its input is in (the
# failure test). Both are named as the executors see them (--files keeps the base name).
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$KHABAR_BIN" "$WORK/khabar"
cat > "$WORK/khabar-killed.sh" <<'EOF'
#!/bin/sh
# Runs the khabar beside this script on stdin, then kills it with SIGKILL once all the
# input is in: its stdin stays open (fd 4), so it cannot finish on its own first.
d=$(mktemp -d)
mkfifo "$d/in"
"$(dirname "$0")/khabar" "$@" < "$d/in" &
k=$!
exec 4>"$d/in"
cat >&4
sleep 1
kill -KILL "$k"
wait "$k"
code=$?
rm -rf "$d"
exit "$code"
EOF
chmod +x "$WORK/khabar" "$WORK/khabar-killed.sh"

export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
echo "spark_smoke: Java $JAVA_MAJOR, pyspark $PYSPARK_VERSION, binary $KHABAR_BIN"
# From $WORK, so that the driver's own CLI reference run finds ./khabar as the executors do.
(cd "$WORK" && "$VENV/bin/spark-submit" \
  --master 'local-cluster[2,1,1024]' \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  --conf spark.task.maxFailures=1 --conf spark.driver.memory=1g --conf spark.log.level=ERROR \
  --files "$WORK/khabar,$WORK/khabar-killed.sh" \
  --py-files "$ROOT/scripts/khabar_spark.py" \
  "$ROOT/scripts/spark_smoke.py" "$INPUT" "$N" 2> >(grep -v -E ' (WARN|INFO) |^\s*$|NativeCodeLoader|log4j|Setting default log level|To adjust logging level' >&2))
echo "spark_smoke: done in $(( $(date +%s) - start )) s"
