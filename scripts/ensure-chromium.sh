#!/usr/bin/env bash
# The browser tests run in Debian's Chromium (browser downloads are not possible here).
# Installs the `chromium` package when it is missing; set CHROMIUM_PATH to use another binary.
set -euo pipefail
binary="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$binary" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing at $binary: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian's chromium package for the browser tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
