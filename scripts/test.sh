#!/usr/bin/env bash
# The one command that installs everything the tests need and runs them all:
# system packages, npm packages, then typecheck, lint, unit tests, build and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
bash scripts/install-system-deps.sh test
npm ci --no-audit --no-fund
npm test
