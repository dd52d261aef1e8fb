#!/usr/bin/env bash
# ab.sh: the run path's cost before and after a change, measured back to back on the same rig.
#
#   bash bench/ab.sh [REV] [ROUNDS]     REV (default: main) against the work tree, ROUNDS (default 2)
#                                       rounds of A then B; BENCH_ONLY picks the cases (default
#                                       success,503,stream,throughput), BENCH_N the requests per side.
#   AB_MODE=spans bash bench/ab.sh [REV] [BLOCKS]
#                                       instead: BLOCKS (default 6) blocks of A then B, each block
#                                       bench/spans.mjs with AB_ROUNDS (default 15) rounds of the bare
#                                       endpoint, bench-ok and bench-503 at c=1, then the medians of all
#                                       blocks per phase side by side (CPU hardly depends on the load;
#                                       short blocks keep both sides under the same load).
#
# Each side is a full `bench/compare.mjs` run on the cases asked for (the fake provider, Portkey, the
# bare endpoint and the plugin, interleaved request by request), so every side has its own same-run
# baseline. Between sides the rig's plugin folder (a symlink) points at the other tree and php-fpm is
# reloaded, so opcache holds only that tree's code. A is `git archive REV` (plus the work tree's build/,
# which is not in git). Prints, per side and round: server-side CPU and wall of a run over the bare
# endpoint (X-Aifo-Bench-Server, medians), own cost against Portkey's, and the throughput ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export RIG_NAME=test
REV=${1:-main}
ROUNDS=${2:-$( [ "${AB_MODE:-}" = spans ] && echo 6 || echo 2 )}
export BENCH_ONLY=${BENCH_ONLY:-success,503,stream,throughput}
export BENCH_SKIP_PHP=1
grep -q 'nginx.group: running' <<< "$(bash bin/rig.sh status)" || bash bin/rig.sh up > /dev/null
# shellcheck disable=SC1091
source "$ROOT/.rig/test/env.sh"
link="$WP_ROOT/wp-content/plugins/ai-failover"
sha=$(git rev-parse --short "$REV")
tree_a="$ROOT/.rig/cache/ab/$sha"
if [ ! -f "$tree_a/plugin.php" ]; then
	mkdir -p "$tree_a"
	git archive "$REV" plugin.php includes languages | tar -x -C "$tree_a"
fi
rm -rf "$tree_a/build" && cp -r "$ROOT/build" "$tree_a/build"
run_dir=$(dirname "$WP_ROOT")/run
reload_fpm() {
	kill -USR2 "$(cat "$run_dir/php-fpm.pid")"
	for _ in $(seq 1 50); do curl -s -o /dev/null "$WP_BASE_URL/wp-json/" && break; sleep 0.1; done
}
restore() {
	ln -sfn "$ROOT" "$link"
	reload_fpm
}
trap restore EXIT
out="$ROOT/.rig/test/logs/ab"
mkdir -p "$out"
if [ "${AB_MODE:-}" = spans ]; then
	export FAKE_PROVIDER_URL="http://127.0.0.1:${BENCH_FAKE_PORT:-$((${RIG_HTTP_PORT:-8891} + 1010))}"
	node tests/fake-provider/server.mjs --port "${FAKE_PROVIDER_URL##*:}" > /dev/null 2>&1 &
	fake_pid=$!
	# The bare endpoint (and its breaker reset after each failure case) lives in the bench mu-plugin.
	cp bench/wp/aifo-bench-bare.php "$WP_ROOT/wp-content/mu-plugins/aifo-bench-bare.php"
	trap 'kill $fake_pid; rm -f "$WP_ROOT/wp-content/mu-plugins/aifo-bench-bare.php"; restore' EXIT
	for _ in $(seq 1 50); do curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && break; sleep 0.1; done
	bash bin/rig.sh php bench/setup.php "$FAKE_PROVIDER_URL" > /dev/null
	rm -f "$out/spans-A.jsonl" "$out/spans-B.jsonl"
	for block in $(seq 1 "$ROUNDS"); do
		for side in A B; do
			if [ "$side" = A ]; then ln -sfn "$tree_a" "$link"; else ln -sfn "$ROOT" "$link"; fi
			reload_fpm
			SPANS_OUT="$out/spans-$side.jsonl" node bench/spans.mjs "${AB_ROUNDS:-15}" > /dev/null
		done
		echo "block $block of $ROUNDS done"
	done
	bash bin/rig.sh php bench/setup.php --remove > /dev/null
	echo "A = $REV ($sha), B = work tree"
	node bench/spans.mjs --report "$out/spans-A.jsonl" "$out/spans-B.jsonl"
	exit 0
fi
for round in $(seq 1 "$ROUNDS"); do
	for side in A B; do
		if [ "$side" = A ]; then ln -sfn "$tree_a" "$link"; else ln -sfn "$ROOT" "$link"; fi
		reload_fpm
		rm -f "$out/$side-$round.md"
		# bench.sh exits 1 when it leaves a rig running that it did not start: the table decides.
		BENCH_OUT="$out/$side-$round.md" bash bin/bench.sh compare > "$out/$side-$round.log" 2>&1 || true
		[ -s "$out/$side-$round.md" ] || { tail -20 "$out/$side-$round.log"; exit 1; }
		cp "$ROOT/.rig/test/logs/bench-rows.json" "$out/$side-$round.json"
		node - "$side" "$round" "$( [ "$side" = A ] && echo "$REV ($sha)" || echo 'work tree' )" "$out/$side-$round" << 'NODE'
const [ side, round, label, base ] = process.argv.slice( 2 );
const fs = require( 'node:fs' );
const rows = JSON.parse( fs.readFileSync( `${ base }.json`, 'utf8' ) );
const log = fs.readFileSync( `${ base }.log`, 'utf8' );
const f = ( x ) => ( x === null || x === undefined ? '-' : x.toFixed( 2 ) );
const parts = [];
for ( const r of rows ) {
	const t = r.targets;
	const key = ( n ) => ( r.id === 'stream' && n !== 'bare' ? 'firstTokenMs' : 'ms' );
	const p50 = ( n ) => t[ n ]?.[ key( n ) ]?.p50;
	const own = p50( 'plugin' ) - p50( 'bare' ) - p50( 'direct' );
	const pk = p50( 'portkey' ) - p50( 'direct' );
	const s = r.id === 'stream' ? t.plugin.serverFirst : t.plugin.server;
	const b = t.bare.server;
	parts.push( `${ r.id } c=${ r.concurrency }: cpu +${ f( s && b ? s.cpu_ms - b.cpu_ms : null ) } (bare ${ f( b?.cpu_ms ) }), wall +${ f( s && b ? ( r.id === 'stream' ? s.own_wall_ms : s.wall_ms ) - b.wall_ms : null ) }, own ${ f( own ) } vs Portkey ${ f( pk ) }, queries ${ s?.queries ?? '-' } vs ${ b?.queries ?? '-' }` );
}
const m = /^throughput (.*)$/m.exec( log );
const tput = m && m[ 1 ] !== 'null' ? JSON.parse( m[ 1 ] ) : null;
if ( tput ) {
	parts.push( `throughput c=16: plugin ${ tput.plugin.rps.toFixed( 1 ) } / bare ${ tput.bare.rps.toFixed( 1 ) } req/s = ${ ( ( 100 * tput.plugin.rps ) / tput.bare.rps ).toFixed( 1 ) } %` );
}
console.log( `[${ side }${ round } ${ label }]\n  ${ parts.join( '\n  ' ) }` );
NODE
	done
done
