#!/usr/bin/env bash
# The end-to-end run drives Debian's Chromium (playwright-core downloads no browser): install it
# when it is missing (as root, as on CI).
set -euo pipefail
CHROMIUM="${MM_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-chromium: $CHROMIUM is missing; install it: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[[ -x "$CHROMIUM" ]]
