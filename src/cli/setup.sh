#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than package-lock.json.
# Used by `npm run demo` and `npm test`, so that both work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/../.."

node_version=$(node -p 'process.versions.node')
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 24;
  if (!ok) { console.error("Node " + process.versions.node + " is too old: the portal needs 20.19+, 22.12+ or 24+."); process.exit(1); }
'
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages for Node ${node_version} ..."
  # Playwright never downloads a browser here: Debian's Chromium is used where present.
  # `npm install` rather than `npm ci`: see .ci/run.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
fi
