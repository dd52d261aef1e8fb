#!/usr/bin/env bash
# bench.sh: benchmarks that print figures (never timed tests). Runs against the test rig, which it
# starts if needed and stops again if it started it.
#   npm run bench:engine [-- RUNS]     engine overhead per attempt and per REST run request
#   npm run bench:events [-- ROWS]     event log: insert rate, screen queries, CSV export memory (1M rows)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RIG_NAME=test
what=${1:-engine}
shift || true
started=0
if ! bash bin/rig.sh status | grep -q 'nginx.group: running'; then
	bash bin/rig.sh up > /dev/null
	started=1
fi
trap '[ $started = 1 ] && bash bin/rig.sh down > /dev/null' EXIT
case "$what" in
	engine) bash bin/rig.sh php bench/engine.php "${1:-2000}" ;;
	events) bash bin/rig.sh php bench/events.php "${1:-1000000}" ;;
	*) echo "usage: bench.sh engine|events [N]" >&2; exit 2 ;;
esac
