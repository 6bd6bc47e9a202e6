#!/usr/bin/env bash
# The unit, database and HTTP tests on Node 24 (the LTS that deployments run), after the
# full suite has run on the machine's Node 20 (src/cli/node24.sh fetches Node 24 and puts
# the machine's better-sqlite3 build back afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
bash src/cli/node24.sh bash -c 'npm run build && npx vitest run'
