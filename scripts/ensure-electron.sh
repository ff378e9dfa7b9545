#!/usr/bin/env bash
# Makes sure the Electron binary is installed (the npm package downloads it on first use), and if
# it cannot be downloaded, says why in words instead of a bare "TypeError: fetch failed".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if npx --no-install install-electron >"$log" 2>&1; then
  exit 0
fi
cat >&2 <<MESSAGE
Event Desk could not download the Electron binary it needs to open its window.

Why this may be:
  - this computer has no internet access, or only through a proxy
    (set HTTPS_PROXY, or ELECTRON_MIRROR to a mirror you can reach, then try again);
  - a firewall blocks github.com, where Electron's releases are downloaded from.

What failed: $(tail -n 3 "$log" | tr '\n' ' ')

Everything else works without Electron, including the command-line tool:
  npx event-desk --help
  npx event-desk send --name "Call made" --customer 1001 --data '{"minutes": 5}'
MESSAGE
exit 1
