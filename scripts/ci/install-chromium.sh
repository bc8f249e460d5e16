#!/usr/bin/env bash
# Installs Debian's chromium-headless-shell for the playground's browser tests
# (scripts/tests/playground.test.ts drives it with playwright-core, which
# downloads no browser). Run by `make test` before the tests; does nothing
# when a Chromium is already there. playwright-core is pinned to the version
# whose Chromium matches Debian's (the test checks the two majors agree).
set -euo pipefail
for bin in "${LAMBDA_STATS_CHROMIUM:-}" /usr/bin/chromium-headless-shell /usr/lib/chromium/chromium-headless-shell /usr/bin/chromium; do
  if [ -n "$bin" ] && [ -x "$bin" ]; then
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no Chromium found and no apt-get here. Install Chromium 156 (or headless shell) and set LAMBDA_STATS_CHROMIUM to its binary." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif sudo -n true 2>/dev/null; then
  SUDO=sudo
else
  echo "install-chromium: Debian's chromium-headless-shell is missing and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium-headless-shell', then 'make test' again." >&2
  exit 1
fi
echo "install-chromium: installing Debian's chromium-headless-shell (browser tests)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null
