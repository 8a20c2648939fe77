#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright's own browser download is not possible here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for browser tests (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium fonts-dejavu-core'." >&2
  exit 1
fi
