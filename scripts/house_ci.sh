#!/usr/bin/env bash
# CI part of issue 10 (the house): one-way layers without cycles, and documentation that
# builds without a warning. About 1 s for the layer check plus one `cargo doc` (~30 s cold).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== layers: imports go down only, no cycles"
python3 scripts/check_layers.py

echo "== cargo doc --no-deps (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
