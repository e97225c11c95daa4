#!/usr/bin/env bash
# CI part of issue 17: the binary to ship (README, "Apache Spark"). Builds the static musl
# binary (`--profile dist --target x86_64-unknown-linux-musl --features mimalloc`, with the
# memcpy/memcmp/… of cli/memfns in place of musl's) and checks that it is a static
# executable of at most 6,000,000 bytes whose output is byte-identical to the release
# (glibc) build's on the first 3,000 SaudiNewsNet records (the project's corpus as JSON lines
# when ../shared is absent). Installs the musl target (rustup) and musl-tools (apt-get, for
# the C parts: SQLite, mimalloc) when absent. .ci/run then ships this binary in the Spark
# smoke test. Speed is not checked here (a shared CI machine cannot time it): see
# scripts/dist_bench.sh. About 4-5 min on 2 cores, mostly the fat-LTO build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== the static musl binary (scripts/dist_ci.sh)"
SHARED=${SHARED:-../shared}
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
MUSL=x86_64-unknown-linux-musl
rustup target list --installed 2>/dev/null | grep -qx $MUSL || rustup target add $MUSL
command -v musl-gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq musl-tools >/dev/null; }
cargo build -q --profile dist -p khabar-cli --target $MUSL --features mimalloc
cargo build -q --release -p khabar-cli
BIN=$TARGET/$MUSL/dist/khabar
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

kind=$(file -b "$BIN")
size=$(stat -c %s "$BIN")
echo "dist_ci: $BIN: $size bytes; $kind"
case "$kind" in *"statically linked"*) ;; *) echo "dist_ci: FAIL: not statically linked" >&2; exit 1 ;; esac
[ "$size" -le 6000000 ] || { echo "dist_ci: FAIL: $size bytes > 6,000,000" >&2; exit 1; }

GZ=$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz
if [ -f "$GZ" ]; then
  { zcat "$GZ" || true; } | head -n 3000 > "$T/in.jsonl"  # zcat stops on SIGPIPE
else
  python3 - corpus > "$T/in.jsonl" <<'PY'
import json, pathlib, sys
for i, p in enumerate(sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))):
    print(json.dumps({"id": i, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False))
PY
fi
# Exit 3 means some records were error records (in the output): compared like the rest.
"$TARGET/release/khabar" analyze --jsonl --quiet "$T/in.jsonl" > "$T/glibc" || [ $? -eq 3 ]
"$BIN" analyze --jsonl --quiet "$T/in.jsonl" > "$T/musl" || [ $? -eq 3 ]
if ! cmp "$T/glibc" "$T/musl"; then
  echo "dist_ci: FAIL: the musl binary's output differs from the glibc build's" >&2
  exit 1
fi
echo "dist_ci: $(wc -l < "$T/in.jsonl") records in, $(wc -l < "$T/musl") out, identical to the glibc build's"
