<?php
/**
 * The shared engine state table.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Creates and migrates {$wpdb->prefix}aifo_state with dbDelta(), tracked by the
 * `aifo_state_db_version` option. One row per subject ("route:provider/model" or
 * "key:provider:key"): its circuit breaker (state, consecutive failures, open period, probe claim)
 * and which rule opened it (`opened_by`), and, for keys, the key's state; or one plain value (`data`, such as a route's health score); or
 * one second of a route's error-rate window (`bucket_at` > 0: its requests and failures); or one
 * spend account per period ("spend:feature:id@day:2026-12-01": spent and reserved micro-dollars). Rows rather than options so every PHP worker updates a count or
 * a state with one atomic statement instead of rewriting a value it read earlier.
 *
 * @since n.e.x.t
 */
final class State_Schema implements Registers_Hooks {

	public const VERSION = '5';
	public const OPTION  = 'aifo_state_db_version';

	public function __construct( private readonly State_Repository $rows ) {
	}

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ), 1 );
	}

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_state';
	}

	/**
	 * Creates or migrates the table when its version is behind. Cheap when current (an autoloaded option).
	 */
	public function maybe_upgrade(): void {
		if ( get_option( self::OPTION ) === self::VERSION ) {
			return;
		}
		$this->install();
	}

	/**
	 * Runs dbDelta() with the current definition, then moves the 0.1 state over: the key states of
	 * the `aifo_key_states` option become rows (a dead key stays dead), and the `aifo_state_<md5>`
	 * breaker options are dropped. Their subjects survive only as hashes, so they cannot be moved;
	 * a breaker that starts again closed is safe, the next failures open it.
	 */
	public function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		// dbDelta wants two spaces after PRIMARY KEY and one field per line.
		dbDelta(
			"CREATE TABLE {$table} (
  id char(32) NOT NULL,
  subject varchar(255) NOT NULL DEFAULT '',
  provider_id varchar(40) NOT NULL DEFAULT '',
  key_id varchar(64) NOT NULL DEFAULT '',
  breaker varchar(9) NOT NULL DEFAULT 'closed',
  failures int(10) unsigned NOT NULL DEFAULT 0,
  opened_at bigint(20) unsigned NOT NULL DEFAULT 0,
  probe_until bigint(20) unsigned NOT NULL DEFAULT 0,
  key_state varchar(8) NOT NULL DEFAULT 'active',
  key_until bigint(20) unsigned DEFAULT NULL,
  key_since bigint(20) unsigned DEFAULT NULL,
  key_reason varchar(320) DEFAULT NULL,
  data longtext DEFAULT NULL,
  bucket_at bigint(20) unsigned NOT NULL DEFAULT 0,
  requests int(10) unsigned NOT NULL DEFAULT 0,
  spent_micros bigint(20) unsigned NOT NULL DEFAULT 0,
  reserved_micros bigint(20) unsigned NOT NULL DEFAULT 0,
  opened_by varchar(12) NOT NULL DEFAULT '',
  PRIMARY KEY  (id),
  KEY provider_key (provider_id,key_id)
) {$charset};"
		);
		$this->migrate_options();
		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * The 0.1 options: key states are kept, breaker counts and probe claims are dropped.
	 */
	private function migrate_options(): void {
		$legacy = get_option( 'aifo_key_states', null );
		if ( is_array( $legacy ) ) {
			foreach ( $legacy as $name => $entry ) {
				$parts = explode( ':', (string) $name, 2 );
				if ( 2 !== count( $parts ) || ! is_array( $entry ) ) {
					continue;
				}
				list( $provider_id, $key_id ) = $parts;
				$reason                       = (string) ( $entry['reason'] ?? '' );
				if ( 'dead' === ( $entry['state'] ?? '' ) ) {
					$this->rows->mark_key_dead( $provider_id, $key_id, $reason, (int) ( $entry['since'] ?? time() ) );
				} elseif ( 'cooling' === ( $entry['state'] ?? '' ) && (int) ( $entry['until'] ?? 0 ) > time() ) {
					$this->rows->cool_key( $provider_id, $key_id, (int) $entry['until'], $reason );
				}
			}
		}
		delete_option( 'aifo_key_states' );
		$this->rows->drop_legacy_options();
	}
}
