#!/usr/bin/env bash
# Browser tests of `khabar html` (issue 14): generated pages opened in headless Chromium
# (Debian's `chromium` + `chromium-driver`, installed here when absent) and checked from the
# live DOM by scripts/html_browser_test.py (standard-library WebDriver client: no pip).
# Skips with a message only when Chromium cannot be installed. About 1-3 minutes with the
# apt install, a few seconds without.
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }

if ! have_browser; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium chromium-driver (apt)"
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          --no-install-recommends chromium chromium-driver; } >"$log" 2>&1; then
      tail -20 "$log"
    fi
    rm -f "$log"
  fi
fi
if ! have_browser; then
  echo "SKIPPED: browser tests of khabar html: chromium/chromedriver could not be installed"
  exit 0
fi

echo "== khabar html in headless Chromium: browser tests ($(chromium --version 2>/dev/null | head -1))"
cargo build -q -p khabar-cli
python3 scripts/html_browser_test.py --khabar target/debug/khabar
