#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "apt-get could not install chromium."
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$CHROMIUM" ]; then
  if [ "${CI:-}" = "true" ]; then echo "FAIL: $CHROMIUM is missing and could not be installed." >&2; exit 1; fi
  echo "NOTE: $CHROMIUM is missing; browser tests will be SKIPPED."
fi
exit 0
