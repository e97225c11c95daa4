#!/usr/bin/env bash
# Peak memory of one 50 MB record (issue 16). Opt-in: not part of CI (it needs
# ../shared/corpora/saudinewsnet and a release build; about 1 min once built).
#
#   bash scripts/mem_peak.sh             # 50,000,000 bytes
#   BYTES=10000000 bash scripts/mem_peak.sh
#
# The record: SaudiNewsNet article texts joined by blank lines, cut at BYTES on a char
# boundary, as BIG.txt and as one JSON line BIG.jsonl {"id":"big","text":...} (in
# target/mem, never committed). Printed: the peak resident size (VmHWM via GNU time's %M,
# in KiB and MiB) of `khabar analyze` on BIG.jsonl and on BIG.txt, and the library's own
# peak from the scaling example (whole pipeline, MALLOC_MMAP_THRESHOLD_=131072 as in the
# README's table).
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES="${BYTES:-50000000}"
SNN=../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz
if [ ! -f "$SNN" ]; then
  echo "mem_peak: $SNN is absent; skipped"
  exit 0
fi
OUT=target/mem
mkdir -p "$OUT"
if [ ! -f "$OUT/BIG.$BYTES.jsonl" ]; then
  python3 - "$SNN" "$BYTES" "$OUT" <<'EOF'
import gzip, json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
parts, total = [], 0
with gzip.open(src, "rt", encoding="utf-8") as f:
    for line in f:
        t = json.loads(line).get("text") or ""
        if t:
            parts.append(t)
            total += len(t.encode()) + 2
            if total > n + 10:
                break
s = "\n\n".join(parts).encode()[:n].decode("utf-8", errors="ignore")
with open(f"{out}/BIG.{n}.txt", "w", encoding="utf-8", newline="") as f:
    f.write(s)
with open(f"{out}/BIG.{n}.jsonl", "w", encoding="utf-8", newline="") as f:
    f.write(json.dumps({"id": "big", "text": s}, ensure_ascii=False) + "\n")
EOF
fi
cargo build --release -q -p khabar-cli
cargo build --release -q -p khabar --example scaling
MB=$(( BYTES / 1000000 + 16 ))
peak() { # command... -> "KiB (MiB)"
  local kib
  kib=$( { /usr/bin/time -f %M "$@" > /dev/null; } 2>&1 | tail -1 )
  echo "$kib KiB ($(( kib / 1024 )) MiB)"
}
echo "commit $(git rev-parse --short HEAD), $(date -u +%F), record of $BYTES bytes"
echo "khabar analyze --jsonl (one JSON line): $(peak target/release/khabar analyze --jsonl --quiet --max-record-mb $MB "$OUT/BIG.$BYTES.jsonl")"
echo "khabar analyze (a text file):           $(peak target/release/khabar analyze --quiet --max-record-mb $MB "$OUT/BIG.$BYTES.txt")"
echo "library (scaling example):              $(MALLOC_MMAP_THRESHOLD_=131072 target/release/examples/scaling --mem "file:$OUT/BIG.$BYTES.txt" "$BYTES" | tail -1)"
