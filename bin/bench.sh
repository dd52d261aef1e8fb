#!/usr/bin/env bash
# bench.sh: benchmarks that print figures (never timed tests). Runs against the test rig, which it
# starts if needed and stops again if it started it.
#   npm run bench:engine [-- RUNS]     engine overhead per attempt and per REST run request, then
#                                      failover times against the fake provider (started if needed)
#   npm run bench:events [-- ROWS]     event log: insert rate, screen queries, CSV export memory (1M rows)
#   npm run bench:state [-- RUNS]      queries per run on the shared state; what concurrent runs leave behind
#   npm run bench:stream [-- ROUNDS]   streamed answer: time to first text and total, direct vs through the plugin
#   npm run bench                      the plugin against a bare WP endpoint, Portkey and the fake provider,
#                                      then engine, event log and bundle sizes; writes docs/benchmarks.md.
#                                      BENCH_QUICK=1 for small samples, BENCH_MAX_SECONDS bounds the HTTP part,
#                                      BENCH_ONLY=success,503,throughput,php picks cases, BENCH_OUT another file.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RIG_NAME=test
what=${1:-engine}
shift || true
started=0
# The status is read whole first: under pipefail, grep -q leaving early would fail the pipe (SIGPIPE)
# and make a running rig look stopped, which then got stopped at the end.
if ! grep -q 'nginx.group: running' <<< "$(bash bin/rig.sh status)"; then
	bash bin/rig.sh up > /dev/null
	started=1
fi
trap '[ $started = 1 ] && bash bin/rig.sh down > /dev/null' EXIT
fake_pid=
start_fake() {
	export FAKE_PROVIDER_URL="${FAKE_PROVIDER_URL:-http://127.0.0.1:${FAKE_PROVIDER_PORT:-8899}}"
	curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && return 0
	node tests/fake-provider/server.mjs --port "${FAKE_PROVIDER_URL##*:}" --hang-max-ms 10000 > /dev/null 2>&1 &
	fake_pid=$!
	for _ in $(seq 1 50); do curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && return 0; sleep 0.1; done
	echo "bench: the fake provider did not start" >&2
	return 1
}
trap '[ -n "$fake_pid" ] && kill "$fake_pid"; [ $started = 1 ] && bash bin/rig.sh down > /dev/null' EXIT
case "$what" in
	engine)
		bash bin/rig.sh php bench/engine.php "${1:-2000}"
		start_fake
		bash bin/rig.sh php bench/failover.php 20 "$FAKE_PROVIDER_URL"
		;;
	events) bash bin/rig.sh php bench/events.php "${1:-1000000}" ;;
	state)
		# shellcheck disable=SC1091
		source "$ROOT/.rig/test/env.sh"
		export FAKE_PROVIDER_URL="http://127.0.0.1:${FAKE_PROVIDER_PORT:-8899}"
		if ! curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health"; then
			node tests/fake-provider/server.mjs --port "${FAKE_PROVIDER_PORT:-8899}" > /dev/null 2>&1 &
			fake_pid=$!
			trap 'kill $fake_pid 2> /dev/null; [ $started = 1 ] && bash bin/rig.sh down > /dev/null' EXIT
			for _ in $(seq 1 50); do curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && break; sleep 0.1; done
		fi
		bash bin/rig.sh php bench/state.php "${1:-200}"
		;;
	stream) (source .rig/test/env.sh && node bench/stream.mjs "${1:-20}") ;;
	compare)
		# shellcheck disable=SC1091
		source "$ROOT/.rig/test/env.sh"
		deps="$ROOT/.rig/cache/bench-deps"
		# Portkey and undici go into their own folder under .rig/cache, never into the project's node_modules.
		if [ ! -d "$deps/node_modules/@portkey-ai/gateway" ] || ! cmp -s bench/deps/package.json "$deps/package.json"; then
			mkdir -p "$deps"
			cp bench/deps/package.json bench/deps/package-lock.json "$deps/"
			(cd "$deps" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error > /dev/null)
		fi
		export AIFO_BENCH_DEPS="$deps"
		base=${RIG_HTTP_PORT:-8891}
		fake_port=${BENCH_FAKE_PORT:-$((base + 1010))}
		portkey_port=${BENCH_PORTKEY_PORT:-$((base + 1011))}
		export FAKE_PROVIDER_URL="http://127.0.0.1:$fake_port" PORTKEY_URL="http://127.0.0.1:$portkey_port"
		mu="$WP_ROOT/wp-content/mu-plugins/aifo-bench-bare.php"
		pids=()
		cleanup() {
			for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
			rm -f "$mu"
			[ $started = 1 ] && bash bin/rig.sh down > /dev/null
		}
		trap cleanup EXIT
		cp bench/wp/aifo-bench-bare.php "$mu"
		node tests/fake-provider/server.mjs --port "$fake_port" --chunk-delay-ms 50 > /dev/null 2>&1 &
		pids+=($!)
		node bench/start-portkey.mjs --port="$portkey_port" > "$ROOT/.rig/test/logs/portkey.log" 2>&1 &
		pids+=($!)
		for _ in $(seq 1 100); do
			curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && curl -s -o /dev/null "$PORTKEY_URL/" && break
			sleep 0.1
		done
		node bench/compare.mjs
		;;
	*) echo "usage: bench.sh engine|events|state|stream|compare [N]" >&2; exit 2 ;;
esac
