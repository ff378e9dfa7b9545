#!/usr/bin/env bash
# The one command that installs what Event Desk needs and opens it. npm start downloads the
# Electron binary the first time (this needs internet access).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
bash scripts/install-system-deps.sh run
npm ci --no-audit --no-fund
npm start
