# Sourced by the other scripts: checks for Node 24 and builds native addons (keytar) against the
# headers of the Node that runs them, when that Node ships its headers.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 24 ]; then
  echo "Event Desk needs Node 24 or newer (found $(node --version 2>/dev/null || echo none)). Install it from nodejs.org or with your version manager." >&2
  exit 1
fi
node_prefix=$(dirname "$(dirname "$(command -v node)")")
if [ -f "$node_prefix/include/node/node_api.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
# Playwright must never download a browser: tests use the system's Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
