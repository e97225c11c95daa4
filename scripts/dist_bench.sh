#!/usr/bin/env bash
# The shipped binary (`--profile dist`) against the glibc build: same output, size, speed.
#
# Builds (profile dist: stripped, fat LTO):
#   glibc        cargo build --profile dist -p khabar-cli
#   musl+mi      --target x86_64-unknown-linux-musl --features mimalloc (static)
#   glibc+mi     (GLIBC_MI=1 only) glibc with --features mimalloc
#   musl         (MUSL_PLAIN=1 only) musl without mimalloc: what the allocator is worth
# then, on the whole archive (decompressed once beforehand): every output `cmp`-identical to
# glibc's, the stripped sizes, and ROUNDS (default 5) interleaved rounds of
# `khabar analyze --jsonl --threads 1 --quiet` per binary (the order rotates each round),
# wall and CPU seconds, best and median, and each one's ratio to glibc.
# With CHECK=1 fails unless musl+mi is identical, within 10% of glibc (median wall) and
# <= 6 MB.
#
# Usage: bash scripts/dist_bench.sh [CORPUS.jsonl.gz]      (needs the musl target and
# musl-tools: `rustup target add x86_64-unknown-linux-musl; apt-get install musl-tools`)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
CORPUS=${1:-$SHARED/corpora/saudinewsnet/saudinewsnet.jsonl.gz}
ROUNDS=${ROUNDS:-5}
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
MUSL=x86_64-unknown-linux-musl
rustup target list --installed 2>/dev/null | grep -qx $MUSL || rustup target add $MUSL
command -v musl-gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq musl-tools >/dev/null; }

build() { # NAME ARGS...: build and keep a copy as $T/NAME
  local name=$1; shift
  echo "dist_bench: building $name: cargo build --profile dist -p khabar-cli $*"
  cargo build -q --profile dist -p khabar-cli "$@"
}
build glibc && cp "$TARGET/dist/khabar" "$T/glibc"
build musl+mi --target $MUSL --features mimalloc && cp "$TARGET/$MUSL/dist/khabar" "$T/musl+mi"
NAMES=(glibc musl+mi)
if [ "${GLIBC_MI:-0}" = 1 ]; then
  build glibc+mi --features mimalloc && cp "$TARGET/dist/khabar" "$T/glibc+mi"
  NAMES+=(glibc+mi)
fi
if [ "${MUSL_PLAIN:-0}" = 1 ]; then
  build musl --target $MUSL && cp "$TARGET/$MUSL/dist/khabar" "$T/musl"
  NAMES+=(musl)
fi

zcat -f "$CORPUS" > "$T/in.jsonl"
echo "dist_bench: input $CORPUS: $(wc -l < "$T/in.jsonl") lines, $(( $(stat -c %s "$T/in.jsonl") / 1000000 )) MB"
"$T/glibc" analyze --jsonl --quiet "$T/in.jsonl" > "$T/out.glibc" || [ $? -eq 3 ]
for n in "${NAMES[@]}"; do
  [ "$n" = glibc ] || { "$T/$n" analyze --jsonl --quiet "$T/in.jsonl" > "$T/out.$n" || [ $? -eq 3 ]; }
  if cmp -s "$T/out.glibc" "$T/out.$n"; then same=identical; else same=DIFFERENT; fi
  echo "dist_bench: $n: $(stat -c %s "$T/$n") bytes ($(file -b "$T/$n" | cut -d, -f1-2 | tr -d '\n'); $(file -b "$T/$n" | grep -o 'static[-a-z]* linked\|dynamically linked')), output $same to glibc's ($(wc -l < "$T/out.$n") lines)"
  echo "$n $same $(stat -c %s "$T/$n")" >> "$T/facts"
done

python3 - "$T" "$ROUNDS" "${NAMES[@]}" <<'EOF'
import os, statistics, subprocess, sys, time
d, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall = {n: [] for n in names}
cpu = {n: [] for n in names}
for r in range(rounds):
    order = names[r % len(names):] + names[:r % len(names)]
    for n in order:
        with open(os.path.join(d, "in.jsonl"), "rb") as f:
            t = time.perf_counter()
            p = subprocess.Popen([os.path.join(d, n), "analyze", "--jsonl", "--threads", "1", "--quiet"],
                                 stdin=f, stdout=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            wall[n].append(time.perf_counter() - t)
            cpu[n].append(ru.ru_utime + ru.ru_stime)
    print(f"dist_bench: round {r + 1}: " + ", ".join(f"{n} {wall[n][-1]:.2f} s" for n in names), flush=True)
base_best, base_med = min(wall["glibc"]), statistics.median(wall["glibc"])
print(f"dist_bench: {rounds} interleaved rounds, --threads 1, wall s (CPU s), ratio to glibc:")
for n in names:
    b, m = min(wall[n]), statistics.median(wall[n])
    print(f"  {n:9} best {b:6.2f} ({min(cpu[n]):6.2f})  median {m:6.2f} ({statistics.median(cpu[n]):6.2f})"
          f"  x{b / base_best:.3f} best, x{m / base_med:.3f} median")
with open(os.path.join(d, "ratio"), "w") as f:
    f.write(f"{statistics.median(wall['musl+mi']) / base_med:.4f}\n")
EOF
if [ "${CHECK:-0}" = 1 ]; then
  read -r _ same size < <(grep '^musl+mi ' "$T/facts")
  ratio=$(cat "$T/ratio")
  ok=$(python3 -c "print(int('$same' == 'identical' and $ratio <= 1.10 and $size <= 6_000_000))")
  [ "$ok" = 1 ] || { echo "dist_bench: CHECK failed: musl+mi output $same, x$ratio, $size bytes" >&2; exit 1; }
  echo "dist_bench: CHECK ok: musl+mi identical, x$ratio of glibc (median), $size bytes"
fi
