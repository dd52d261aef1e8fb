#!/usr/bin/env bash
# test.sh: `npm test`. Installs what is missing, runs every check, prints each runner's summary
# line and a final "checks: N passed, N failed" line, and exits non-zero if anything failed.
#
# Every check runs even after an earlier one failed, so one run shows everything that is wrong.
# Full output of each check: artifacts/logs/<check>.log (<check>@<WordPress version>.log for the
# checks that run against WordPress: phpunit-integration, e2e, php-logs).
#
#   npm test                       everything
#   AIFO_ONLY="phpunit-unit jest" npm test    only the named checks (names without @version)
#   AIFO_WP="newest" npm test      the WordPress versions to run against (default: debian-6.1 newest;
#                                  any RIG_WP value of bin/rig.sh)
#   AIFO_E2E_WP="newest" npm test  the versions Playwright runs on (default: the same two)
#   AIFO_SECURITY_WP="debian-6.1 newest" npm test  the versions the security suite runs on (default: newest)
#   AIFO_KEEP_RIG=1 npm test       leave the test WordPress (the last version) running afterwards
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
LOGS="$ROOT/artifacts/logs"
mkdir -p "$LOGS" "$ROOT/.rig/cache" # phpcs, phpstan and phpunit keep their caches in .rig/cache
export RIG_NAME=test
ONLY=${AIFO_ONLY:-}

passed=() failed=()
t_start=$(date +%s)

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
wanted() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }

# check NAME SUMMARY_REGEX CMD...: run CMD with output to its log; print the runner's summary lines.
# Inside on_version, CHECK_ON names the WordPress version: the check is reported as NAME@VERSION and
# its summary lines start with "WordPress VERSION:".
CHECK_ON=""
check() {
	local name=$1 pattern=$2
	shift 2
	wanted "$name" || return 0
	local label=$name${CHECK_ON:+@$CHECK_ON}
	say "$label"
	local t0 rc
	t0=$(date +%s)
	"$@" > "$LOGS/$label.log" 2>&1
	rc=$?
	if [ -n "$pattern" ]; then
		grep -E "$pattern" "$LOGS/$label.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -n 5 | sed "s/^/${CHECK_ON:+WordPress $CHECK_ON: }/"
	fi
	if [ $rc -eq 0 ]; then
		passed+=("$label")
		echo "PASS $label ($(($(date +%s) - t0)) s)"
	else
		failed+=("$label")
		echo "FAIL $label (exit $rc, $(($(date +%s) - t0)) s); last lines of artifacts/logs/$label.log:"
		tail -n 60 "$LOGS/$label.log" | sed 's/^/    /'
	fi
	return 0
}

# --- installs (each skipped when already current) -------------------------------------------------
hash_of() { cat "$@" 2> /dev/null | sha256sum | cut -c1-16; }

install_node_modules() {
	local want
	want=$(hash_of package-lock.json)
	if [ "$(cat node_modules/.aifo-lock-hash 2> /dev/null)" != "$want" ]; then
		npm ci --no-audit --no-fund --loglevel=error && echo "$want" > node_modules/.aifo-lock-hash
	else
		echo "node_modules current (lock $want)"
	fi
}

install_vendor() {
	local want
	want=$(hash_of composer.json)
	if [ "$(cat vendor/.aifo-composer-hash 2> /dev/null)" != "$want" ]; then
		composer install --no-interaction --no-progress && echo "$want" > vendor/.aifo-composer-hash
	else
		echo "vendor current (composer.json $want)"
	fi
}

# WP-CLI for the `wp ai-failover` tests: the Packagist copy holds wp-cli/wp-cli 2.11.0 but only
# mustache/mustache 2.13.0 (2.11.0 asks for ^2.14.1; 2.13.0 works, with a deprecation from its
# Tokenizer on PHP 8.2), hence the alias. Not fatal: without it WP_CLI_Commands_Test is skipped.
install_wp_cli() {
	local dir=.rig/cache/wp-cli
	if [ -f "$dir/vendor/wp-cli/wp-cli/php/boot-fs.php" ]; then
		echo "wp-cli present"
		return 0
	fi
	mkdir -p "$dir" &&
		printf '%s\n' '{"require":{"wp-cli/wp-cli":"2.11.0","mustache/mustache":"2.13.0 as 2.14.1"}}' > "$dir/composer.json" &&
		(cd "$dir" && composer install --no-interaction --no-progress)
}

say "install"
RIG_WITH_CHROMIUM=1 bash bin/rig.sh packages > "$LOGS/install-apt.log" 2>&1 || { tail -30 "$LOGS/install-apt.log"; echo "apt-get install failed"; exit 1; }
install_node_modules > "$LOGS/install-npm.log" 2>&1 || { tail -30 "$LOGS/install-npm.log"; echo "npm ci failed"; exit 1; }
tail -n 1 "$LOGS/install-npm.log"
install_vendor > "$LOGS/install-composer.log" 2>&1 || { tail -30 "$LOGS/install-composer.log"; echo "composer install failed"; exit 1; }
tail -n 1 "$LOGS/install-composer.log"
install_wp_cli > "$LOGS/install-wp-cli.log" 2>&1 || echo "wp-cli could not be installed (see artifacts/logs/install-wp-cli.log): the WP-CLI tests are skipped"
tail -n 1 "$LOGS/install-wp-cli.log"

# --- static checks -----------------------------------------------------------------------------
php_lint() {
	find plugin.php uninstall.php includes bin tests/php tests/rig -name '*.php' -print0 |
		xargs -0 -n 20 -P 2 sh -c 'for f; do php -l "$f" > /dev/null || exit 1; done; echo "$# files ok"' sh
}
schema_drift() {
	local before after
	before=$(hash_of includes/Schema/json/*.json includes/Schema/php/*.php)
	npm run --silent build:schemas || return 1
	after=$(hash_of includes/Schema/json/*.json includes/Schema/php/*.php)
	[ "$before" = "$after" ] || { echo "includes/Schema/json or includes/Schema/php drifted from src/schemas: run npm run build:schemas and commit."; git diff --stat -- includes/Schema/json includes/Schema/php 2> /dev/null; return 1; }
	echo "schemas: no drift"
}

check php-lint 'files ok' php_lint
check phpcs 'ERRORS?|WARNINGS?|^$' vendor/bin/phpcs -q --report=summary
check phpstan '\[OK\]|ERROR' vendor/bin/phpstan analyse --no-progress --memory-limit=1G
check typecheck 'error TS' npm run --silent typecheck
check lint-js 'problems?|error' npm run --silent lint:js
check schema-drift 'drift' schema_drift
check pot-drift 'up to date|out of date' php bin/make-pot.php --check
check fake-provider '^# (pass|fail)' node --test tests/fake-provider/self-test.mjs
check jest '^Tests:|^Test Suites:' npm run --silent test:js -- --ci
check build 'compiled|ERROR|bundle sizes|index\.js' npm run --silent build

# --- against a real WordPress, once per version -------------------------------------------------------
# PHPUnit integration runs on the floor (Debian's 6.1.9) and on the newest build; Playwright on the
# versions in AIFO_E2E_WP. php-logs then fails on any PHP warning, notice or deprecation that points at
# the plugin in that version's logs (WordPress's debug log and php-fpm's error log).
WP_VERSIONS=${AIFO_WP:-debian-6.1 newest}
E2E_VERSIONS=${AIFO_E2E_WP:-debian-6.1 newest}
SECURITY_VERSIONS=${AIFO_SECURITY_WP:-newest}
ran_on=()

# on_version VERSION: start the test rig on VERSION and run the checks against it.
on_version() {
	local version=$1 ran=() rig_log="$LOGS/rig-${1//\//_}.log"
	say "rig: WordPress $version"
	if ! RIG_WITH_CHROMIUM=1 RIG_WP=$version RIG_CLEAR_LOGS=1 bash bin/rig.sh up > "$rig_log" 2>&1; then
		tail -n 30 "$rig_log"
		failed+=("rig@$version")
		echo "FAIL rig: WordPress $version did not start; its checks were not run"
		ran_on+=("WordPress $version: nothing (the rig did not start)")
		return 0
	fi
	tail -n 1 "$rig_log"
	# shellcheck disable=SC1091
	source "$ROOT/.rig/test/env.sh"
	CHECK_ON="$WP_VERSION"
	if wanted phpunit-integration; then
		check phpunit-integration '^OK|^Tests:|^FAILURES' vendor/bin/phpunit --testsuite integration --colors=never
		ran+=(phpunit-integration)
	fi
	if wanted e2e && [[ " $E2E_VERSIONS " == *" $version "* ]]; then
		check e2e '[0-9]+ (passed|failed|flaky|skipped)' npx playwright test --grep-invert @security
		ran+=(e2e)
	fi
	# The security suite: tests/php/Integration/Security and the e2e specs tagged @security.
	if wanted security && [[ " $SECURITY_VERSIONS " == *" $version "* ]]; then
		check security '^OK|^Tests:|^FAILURES|[0-9]+ (passed|failed|flaky|skipped)' sh -c 'vendor/bin/phpunit --testsuite security --colors=never && npx playwright test --grep @security'
		ran+=(security)
	fi
	check php-logs 'PHP log|plugin' php bin/check-php-logs.php "$ROOT" "$WP_DEBUG_LOG_FILE" "$PHP_ERROR_LOG_FILE" "$(dirname "$PHP_ERROR_LOG_FILE")/php-fpm.log"
	wanted php-logs && ran+=(php-logs)
	CHECK_ON=""
	ran_on+=("WordPress $WP_VERSION ($version): ${ran[*]:-nothing}")
}

needs_rig=0
for name in phpunit-integration e2e security php-logs; do wanted "$name" && needs_rig=1; done
wanted phpunit-unit && check phpunit-unit '^OK|^Tests:|^FAILURES' vendor/bin/phpunit --testsuite unit --colors=never
if [ $needs_rig = 1 ]; then
	# The fake AI provider every provider type is pointed at (never the internet), shared by all versions.
	export FAKE_PROVIDER_URL="http://127.0.0.1:${FAKE_PROVIDER_PORT:-8899}"
	node tests/fake-provider/server.mjs --port "${FAKE_PROVIDER_PORT:-8899}" --hang-max-ms 10000 > "$LOGS/fake-provider.log" 2>&1 &
	fake_pid=$!
	if [ "${AIFO_KEEP_RIG:-0}" = 1 ]; then
		trap 'kill $fake_pid 2> /dev/null' EXIT
	else
		trap 'kill $fake_pid 2> /dev/null; bash bin/rig.sh down > /dev/null 2>&1' EXIT
	fi
	for _ in $(seq 1 50); do curl -s -o /dev/null "$FAKE_PROVIDER_URL/__health" && break; sleep 0.1; done
	for version in $WP_VERSIONS; do on_version "$version"; done
fi

# --- summary -------------------------------------------------------------------------------------
say "summary ($(($(date +%s) - t_start)) s)"
for name in "${passed[@]}"; do echo "  pass  $name"; done
for name in "${failed[@]}"; do echo "  FAIL  $name"; done
for line in "${ran_on[@]}"; do echo "  ran on $line"; done
echo "checks: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
