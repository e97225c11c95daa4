#!/usr/bin/env bash
# CI part of the quote archive (issue 15). Its unit and end-to-end tests run in
# `cargo test --workspace`; this adds, when ../shared is present, the archive gate on all of
# SaudiNewsNet (scripts/index_bench.sh with CHECK=1: one speaker for جون كيري, no merged
# anonymous source, warm who/search < 100 ms; about 1 min on 2 cores), and with
# KHABAR_SPARK=1 the Spark speaker table check (scripts/spark_speakers.sh, ~1.5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f "${SHARED:-../shared}/corpora/saudinewsnet/saudinewsnet.jsonl.gz" ]; then
  CHECK=1 bash scripts/index_bench.sh
  if [ "${KHABAR_SPARK:-0}" = 1 ]; then
    bash scripts/spark_speakers.sh
  fi
else
  echo "index_ci: ../shared absent: archive gate skipped"
fi
