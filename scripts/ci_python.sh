#!/usr/bin/env bash
# CI part of the Python package (issue 13): creates target/pyvenv, installs the pinned tools
# (python/requirements-test.txt) from PyPI, builds the khabar wheel with maturin (release,
# abi3), installs it and runs the pytest suite in python/tests. The CLI-equality tests use
# the debug CLI built here. With KHABAR_SPARK=1 it also
# installs pyspark + pyarrow (python/requirements-spark.txt) and runs the mapInPandas test.
#
# Usage: bash scripts/ci_python.sh          (.ci/run calls it; about 3-4 min on 2 cores)
set -euo pipefail
echo "== Python package: wheel (maturin) + pytest (scripts/ci_python.sh)"
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
VENV=target/pyvenv
if [ ! -x "$VENV/bin/python" ]; then
  if ! python3 -m venv "$VENV"; then
    echo "ci_python: python3 -m venv failed; installing python3-venv" >&2
    rm -rf "$VENV"
    apt-get update -qq && apt-get install -y -qq python3-venv
    python3 -m venv "$VENV"
  fi
fi
PY="$VENV/bin/python"
"$PY" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt
if [ "${KHABAR_SPARK:-0}" = 1 ]; then
  command -v java >/dev/null || { echo "ci_python: KHABAR_SPARK=1 needs java (17)" >&2; exit 2; }
  "$PY" -m pip install -q --disable-pip-version-check -r python/requirements-spark.txt
fi

cargo build -q -p khabar-cli
export KHABAR_BIN="$TARGET/debug/khabar"
# The Rust side of the package (not a default member: `cargo test` needs no Python).
cargo test -q -p khabar-python

rm -f "$TARGET"/wheels/khabar-*.whl
"$VENV/bin/maturin" build --release -q -m python/Cargo.toml -i "$PY" -o "$TARGET/wheels"
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$TARGET"/wheels/khabar-*.whl

# Run from python/ (not the repository root) so that `import khabar` is the installed wheel.
set +e
(cd python && "../$PY" -m pytest -q -p no:cacheprovider tests)
rc=$?
set -e
case $rc in
  0) ;;
  5) echo "ci_python: pytest collected no tests" >&2; exit 1 ;;
  *) exit "$rc" ;;
esac
