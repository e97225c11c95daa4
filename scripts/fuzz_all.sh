#!/usr/bin/env bash
# Run every cargo-fuzz target one after the other (one core each), SECS seconds each
# (default 600), and print executions and crashes per target. Needs nightly and cargo-fuzz:
#   rustup toolchain install nightly; cargo install cargo-fuzz
#   scripts/fuzz_all.sh [SECS] [TARGET…]
# Logs go to fuzz/logs/<target>.log; crashes to fuzz/artifacts/<target>/. Minimize a crash
# with `cd fuzz && cargo +nightly fuzz tmin -O TARGET artifacts/TARGET/crash-…` and commit
# it under tests/fuzz_crashes/TARGET/ together with the fix.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
SECS="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(split quotes summarize analyze jsonl_record html_record html_json index_text py_record)
mkdir -p logs
# No sanitizer: the crate is safe Rust (ASan made the targets ~10x slower); fork mode keeps
# fuzzing after a crash so that one known bug does not hide the next.
cargo +nightly fuzz build -O -s none >/dev/null 2>&1 || { echo "cargo fuzz build failed"; exit 2; }
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t"
  cp -n seeds/* "corpus/$t/" 2>/dev/null || true
  cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- -max_total_time="$SECS" \
    -max_len=16384 -timeout=10 -rss_limit_mb=2048 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
    -ignore_ooms=1 -print_final_stats=1 >"logs/$t.log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' "logs/$t.log" | tail -1 | tr -d '#')
  crashes=$(ls "artifacts/$t" 2>/dev/null | wc -l)
  printf '%s\t%s s\t%s executions\t%s crash files\texit %s\n' "$t" "$SECS" "${execs:-?}" "$crashes" "$rc"
  [ "$rc" -ne 0 ] && status=1
done
exit $status
