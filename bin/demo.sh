#!/usr/bin/env bash
# demo.sh: `npm start`. Installs what is missing, builds the plugin, starts the demo WordPress
# (bin/rig.sh, RIG_NAME=demo, http://127.0.0.1:8881) on the newest WordPress build the rig has
# (RIG_WP=newest, 6.6-RC3; RIG_WP=debian-6.1 npm start for the floor), seeds the demo data and
# prints how to log in.
# The servers keep running in the background; `npm run stop` stops them, `npm run destroy` wipes them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RIG_NAME=demo RIG_WP=${RIG_WP:-newest}

want=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat node_modules/.aifo-lock-hash 2> /dev/null)" != "$want" ]; then
	echo "== npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	echo "$want" > node_modules/.aifo-lock-hash
fi
echo "== build"
npm run --silent build > /dev/null
echo "== WordPress"
bash bin/rig.sh up
echo "== seed"
bash bin/rig.sh php bin/seed-demo.php
# shellcheck disable=SC1091
source .rig/demo/env.sh
cat << EOF2

  AI Failover demo is running on WordPress $WP_VERSION.
    Site:    $WP_BASE_URL/
    Admin:   $WP_BASE_URL/wp-admin/admin.php?page=ai-failover
    Runs:    $WP_BASE_URL/wp-admin/admin.php?page=ai-failover-diagnostics
    Login:   $WP_ADMIN_USER / $WP_ADMIN_PASS
    Logs:    .rig/demo/logs/ (wp-debug.log, nginx, php-fpm, MariaDB)
  Stop with "npm run stop"; wipe with "npm run destroy".
EOF2
