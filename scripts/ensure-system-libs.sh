#!/usr/bin/env bash
# Output documents are rendered by WeasyPrint, which needs Pango from Debian's packages.
set -u
if ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then exit 0; fi
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Pango for PDF output documents…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null) \
    || echo "apt-get could not install $PACKAGES."
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
fi
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  echo "FAIL: Pango is missing (apt-get install $PACKAGES); output PDFs cannot be made." >&2
  exit 1
fi
