#!/usr/bin/env bash
# Installs the browser the quality checks drive (tests/browser/): Debian's Chromium,
# run by playwright-core through `executablePath`. Nothing is downloaded but Debian's
# own package. Idempotent; safe to run before every `npm test` (CI does, see .ci/run).
#
#   scripts/setup-browser.sh          # as root, or with sudo available
#
# A different browser binary can be used with CHROMIUM_PATH=/path/to/chromium.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "setup-browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") is installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: no $CHROMIUM and no apt-get: install Chromium and set CHROMIUM_PATH to its binary" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-browser: run as root (apt-get install chromium needs it)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-browser: installing Debian's chromium (apt-get)…"
$SUDO apt-get update -qq
# Chromium's recommended packages bring the fonts (DejaVu, Liberation) the screenshots use.
$SUDO apt-get install -y -qq chromium >/dev/null
echo "setup-browser: $("$CHROMIUM" --version 2>/dev/null || echo "installed $CHROMIUM")"
