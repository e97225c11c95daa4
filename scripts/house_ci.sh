#!/usr/bin/env bash
# CI part of issue 10 (the house): one-way layers without cycles, and documentation that
# builds without a warning, and no word list back in the quote code. About 1 s for the layer
# and literal checks plus one `cargo doc` (~30 s cold).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== layers: imports go down only, no cycles"
python3 scripts/check_layers.py

echo "== Arabic literals in the quote stage's code (word lists belong in data/quotes/)"
python3 scripts/arabic_literals.py --max 52

echo "== cargo doc --no-deps (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
