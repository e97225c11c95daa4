#!/usr/bin/env bash
# Instructions of the quote stage and of the whole `analyze`, counted by callgrind on the first
# 1,000 SaudiNewsNet articles, one thread (instruction counts do not depend on machine load).
# Usage: bash scripts/quotes_callgrind.sh [BINARY]   (default target/release/khabar; needs
# valgrind and ../shared/corpora/saudinewsnet; skips when the corpus is absent). Not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/khabar}
corpus=../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz
[ -f "$corpus" ] || { echo "skip: $corpus absent"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat "$corpus" | head -1000 > "$tmp/snn1k.jsonl" || true
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" analyze --jsonl --quiet \
  --threads 1 "$tmp/snn1k.jsonl" > /dev/null 2> "$tmp/log"
grep -o 'refs: *[0-9,]*' "$tmp/log" | sed 's/refs: */total instructions: /'
callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg.out" 2>/dev/null | grep -v '=>' \
  | grep -oE '^ *[0-9,]+ .*:khabar::quotes::(QuoteExtractor::extract|rules::detect|order::arrange|speaker::attribute|view::View::new)( |$)' \
  | sed -E 's/^ *([0-9,]+) .*:khabar::quotes::([A-Za-z_:]+) ?$/\2 \1/' | tr -d , \
  | awk '$2 + 0 > max[$1] + 0 { max[$1] = $2 + 0 } END { for (f in max) printf "%s: %d\n", f, max[f] }' | sort
