#!/usr/bin/env bash
# rig.sh: a real WordPress on 127.0.0.1 for this plugin, offline, from Debian's packages.
#
#   bash bin/rig.sh up        install what is missing, start MariaDB + php-fpm + nginx, install WordPress
#   bash bin/rig.sh down      stop the servers, keep the state (the next `up` takes about 2 s)
#   bash bin/rig.sh destroy   down, then delete this rig's state directory
#   bash bin/rig.sh status    which servers run
#   bash bin/rig.sh packages  only install the Debian packages the rig (and npm test) need
#   bash bin/rig.sh php FILE  run a PHP file inside this rig's WordPress (wp-cli is not available offline)
#
# Two independent rigs exist, picked by RIG_NAME: `demo` (npm start, port 8881) and `test`
# (npm test, port 8891), so a test run never touches the site you are clicking around in.
# Every file lives under .rig/<name>/; the extracted WordPress core is cached in .rig/cache/.
# After `up`, .rig/<name>/env.sh exports WP_BASE_URL, WP_ROOT, WP_ADMIN_USER/PASS,
# WP_APP_PASSWORD, WP_DB_*, WP_TESTS_DB_NAME, WP_DEBUG_LOG_FILE and CHROMIUM_PATH.
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
BASE_URL="http://127.0.0.1:${HTTP_PORT}"
CACHE="$ROOT/.rig/cache"
STATE="$ROOT/.rig/$RIG_NAME"
RUN="$STATE/run" LOGS="$STATE/logs" CONF="$STATE/conf" WP="$STATE/wp" DB="$STATE/db"
SOCK="$RUN/mysqld.sock"
PHP_FPM=$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)

t0=$(date +%s.%N)
step() { printf '[rig:%s %6ss] %s\n' "$RIG_NAME" "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')" "$*"; }
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
# extracted alongside, then the tree is dereferenced into .rig/cache/wordpress.
fetch_wordpress() {
	[ -f "$CACHE/wordpress/wp-includes/version.php" ] && return 0
	local debs="$CACHE/debs" stage="$CACHE/stage"
	mkdir -p "$debs"
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
	rm -rf "$CACHE/wordpress.tmp"
	cp -rL "$stage/usr/share/wordpress" "$CACHE/wordpress.tmp"
	# The theme package installs under /usr/share/wordpress/wp-content/themes as well.
	mv "$CACHE/wordpress.tmp" "$CACHE/wordpress"
	rm -rf "$stage"
}

prepare_site_files() {
	if [ ! -f "$WP/wp-includes/version.php" ]; then
		step "copy WordPress core into $WP"
		mkdir -p "$STATE"
		cp -r "$CACHE/wordpress" "$WP"
	fi
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

	local fpm_user=""
	is_root && fpm_user=$'user = root\ngroup = root'
	cat > "$CONF/php-fpm.conf" << CONF
[global]
pid = ${RUN}/php-fpm.pid
error_log = ${LOGS}/php-fpm.log
daemonize = no

[www]
${fpm_user}
listen = ${RUN}/php-fpm.sock
listen.mode = 0666
pm = dynamic
pm.max_children = 8
pm.start_servers = 2
pm.min_spare_servers = 2
pm.max_spare_servers = 4
catch_workers_output = yes
clear_env = no
php_admin_value[memory_limit] = 256M
php_admin_value[error_log] = ${LOGS}/php-errors.log
php_admin_flag[log_errors] = on
; Streamed runs (server-sent events): the plugin ends PHP's output buffers and flushes each event
; itself. Pin what a Debian production pool has, so the rig tests exactly that: the 4096-byte
; output buffer (past which WordPress's late headers would warn) and no zlib compression (a
; compressor cannot flush one event at a time).
php_admin_value[output_buffering] = 4096
php_admin_flag[zlib.output_compression] = off
CONF

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
			fastcgi_pass unix:${RUN}/php-fpm.sock;
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
	# shellcheck disable=SC2046
	spawn "$RUN/php-fpm.group" "$LOGS/php-fpm.out" "$PHP_FPM" --nodaemonize --fpm-config "$CONF/php-fpm.conf" $(is_root && echo --allow-to-run-as-root)
	for _ in $(seq 1 100); do [ -S "$RUN/php-fpm.sock" ] && break; sleep 0.05; done
	[ -S "$RUN/php-fpm.sock" ] || { cat "$LOGS/php-fpm.log" "$LOGS/php-fpm.out" 2> /dev/null | tail -20; die "php-fpm did not start"; }
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
export WP_TESTS_DB_NAME=wordpress_test WP_DEBUG_LOG_FILE='$LOGS/wp-debug.log' CHROMIUM_PATH=/usr/bin/chromium
EOF
}

down() {
	stop_group "$RUN/nginx.group"
	stop_group "$RUN/php-fpm.group"
	if [ -S "$SOCK" ]; then mariadb-admin --no-defaults --socket="$SOCK" -uroot shutdown 2> /dev/null || true; fi
	stop_group "$RUN/mariadbd.pid"
	echo "rig:$RIG_NAME stopped"
}

running() { [ -f "$RUN/nginx.group" ] && kill -0 "$(cat "$RUN/nginx.group")" 2> /dev/null; }

up() {
	mkdir -p "$RUN" "$LOGS" "$CONF" "$CACHE"
	if running; then
		write_config # wp-config.php is read per request, so settings changes still apply
		step "already running at $BASE_URL"
		return 0
	fi
	down > /dev/null # clear anything half-started by an earlier, interrupted run
	install_packages
	fetch_wordpress
	prepare_site_files
	write_config
	start_db
	install_wordpress
	start_web
	write_env
	verify
	step "up: WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(mariadbd --version | awk '{print $3}'), $(nginx -v 2>&1 | cut -d/ -f2)"
}

case "${1:-up}" in
	up)
		trap 'rc=$?; [ $rc -eq 0 ] || { echo "rig: up failed (rc=$rc); stopping what was started" >&2; down; }' EXIT
		up
		;;
	down) down ;;
	destroy)
		down
		rm -rf "$STATE"
		;;
	packages)
		mkdir -p "$LOGS"
		install_packages
		;;
	status)
		for f in mariadbd.pid php-fpm.group nginx.group; do
			if [ -f "$RUN/$f" ] && kill -0 "$(cat "$RUN/$f")" 2> /dev/null; then echo "$f: running"; else echo "$f: stopped"; fi
		done
		;;
	php)
		[ -n "${2:-}" ] || die "usage: rig.sh php FILE [ARGS...]"
		file=$2
		shift 2
		WP_ROOT="$WP" php "$ROOT/tests/rig/wp-run.php" "$file" "$@"
		;;
	*)
		echo "usage: $0 up|down|destroy|status|php FILE" >&2
		exit 2
		;;
esac
