#!/usr/bin/env bash
# CI part of issue 17: the Spark smoke test in local-cluster mode (scripts/spark_smoke.sh:
# installs Java 17 from Debian's packages when absent and pyspark 4.3.0 into .venv-spark,
# ships the release binary with --files, 10,000 SaudiNewsNet records or the project's corpus
# when ../shared is absent). About 3.5 min on the loaded 2-core machine, plus the release
# build when no earlier stage made it (8.3 min in all then); most of it JVM start-ups and
# the Python side of the DataFrame path.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Spark smoke test, local-cluster[2,1,1024] (scripts/spark_ci.sh)"
bash scripts/spark_smoke.sh "${KHABAR_SPARK_N:-10000}"
