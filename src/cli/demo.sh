#!/usr/bin/env bash
# `npm run demo`: install, build, load the demo families into the default database
# (replacing what was there) and start the portal.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash src/cli/setup.sh
npm run build
export DATABASE_PATH="${DATABASE_PATH:-data/portal.db}"
# The demo's dates were written as of 2026-11-23; --as-of moves them to today.
# --replace: the demo replaces whatever the database held (the loader refuses otherwise).
npm run scenario:load -- src/lib/server/demo/demo-scenario.json --as-of 2026-11-23 --replace
export PORT="${PORT:-3000}"
export ORIGIN="${ORIGIN:-http://localhost:${PORT}}"
cat <<INFO

  The family situation portal: ${ORIGIN}

  Demo sign-ins (demo data only), every password: demo-salasana-2026
    Family members: amal, yasmin (Haddad); sari, jari (blocked), eveliina (Lahtinen); tiina, aleksi (Mäkelä)
    Professionals:  anna, hanna, johanna (coordinators); mikko, liisa, sanna, pekka, maria, ville, elina; timo (police); marja (manager)
    Administrators: admin, admin2 (rights take both: one proposes, the other confirms)

INFO
# `npm start`'s own command (package.json: `node <options> build`), run without npm in
# between: npm does not pass a stop signal on to the server.
start_command=$(node -p "require('./package.json').scripts.start")
exec $start_command
