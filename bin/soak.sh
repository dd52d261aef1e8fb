#!/usr/bin/env bash
# soak.sh: the chaos soak (npm run soak; not part of npm test). Brings up its own rig ("soak", its own
# ports) and fake provider, runs bench/soak.mjs, stops both again, and exits with the soak's status.
#
#   npm run soak                          10 000 requests at concurrency 12, one node
#   npm run soak -- --quick               400 requests (a smoke run)
#   npm run soak -- --nodes 2             two php-fpm nodes behind one nginx upstream, one MariaDB
#   npm run soak -- --n 3000 --concurrency 16 --seed x --no-db-restart
#
# Ports: RIG_HTTP_PORT (8961), RIG_DB_PORT (3381), FAKE_PROVIDER_PORT (8971) unless set.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RIG_NAME=${SOAK_RIG_NAME:-soak}
export RIG_HTTP_PORT=${RIG_HTTP_PORT:-8961} RIG_DB_PORT=${RIG_DB_PORT:-3381}
FAKE_PORT=${FAKE_PROVIDER_PORT:-8971}
nodes=1
args=()
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) nodes=$2; shift 2 ;;
		--nodes=*) nodes=${1#--nodes=}; shift ;;
		*) args+=("$1"); shift ;;
	esac
done
export RIG_NODES=$nodes
STATE="$ROOT/.rig/$RIG_NAME"

fake_pid=""
cleanup() {
	[ -n "$fake_pid" ] && kill "$fake_pid" 2> /dev/null
	bash bin/rig.sh down > /dev/null 2>&1 || true
}
trap cleanup EXIT

echo "soak: rig \"$RIG_NAME\" with $nodes web node(s) on 127.0.0.1:$RIG_HTTP_PORT, MariaDB :$RIG_DB_PORT, fake provider :$FAKE_PORT"
# A running rig keeps its php-fpm layout: start it afresh so RIG_NODES applies.
bash bin/rig.sh down > /dev/null 2>&1 || true
bash bin/rig.sh up | tail -n 1
# The plugin's PHP messages are checked from these logs: start them empty.
for log in "$STATE"/logs/php-errors*.log "$STATE"/logs/wp-debug.log "$STATE"/logs/php-fpm*.log; do
	[ -f "$log" ] && : > "$log"
done
node tests/fake-provider/server.mjs --port "$FAKE_PORT" --hang-max-ms 3000 --seed "soak" > "$STATE/logs/fake-provider.out" 2>&1 &
fake_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$FAKE_PORT/__health" && break; sleep 0.1; done

# shellcheck disable=SC1091
source "$STATE/env.sh"
# The running WordPress version's own state directory (bin/rig.sh: .rig/<name>/<version>/).
RUN_DIR="$STATE/$(cat "$STATE/current")/run"
export FAKE_PROVIDER_URL="http://127.0.0.1:$FAKE_PORT"
export SOAK_DB_SOCKET="$RUN_DIR/mysqld.sock" SOAK_LOG_DIR="$STATE/logs"
export SOAK_DB_RESTART_CMD="bash '$ROOT/bin/rig.sh' db-restart > '$STATE/logs/db-restart.log' 2>&1"
node bench/soak.mjs "${args[@]}"
