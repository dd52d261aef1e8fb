<?php
/**
 * The audit log table.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * {$wpdb->prefix}aifo_audit: one row per change of a provider, key, feature or the settings
 * (who, when, what, before and after as JSON, already stripped of secrets by Audit_Trail). The
 * only place with the table's SQL; created and migrated with dbDelta(), tracked by its own
 * version option.
 *
 * @since n.e.x.t
 */
final class Audit_Repository implements Registers_Hooks {

	public const VERSION = '1';
	public const OPTION  = 'aifo_audit_db_version';

	/** Object types an entry may be about. */
	public const TYPES = array( 'provider', 'key', 'feature', 'settings' );

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ), 1 );
	}

	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_audit';
	}

	/**
	 * Creates or migrates the table when its version is behind. Cheap when current.
	 */
	public function maybe_upgrade(): void {
		if ( get_option( self::OPTION ) !== self::VERSION ) {
			$this->install();
		}
	}

	public function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at datetime NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  user_login varchar(60) NOT NULL DEFAULT '',
  action varchar(16) NOT NULL DEFAULT '',
  object_type varchar(16) NOT NULL DEFAULT '',
  object_id varchar(80) NOT NULL DEFAULT '',
  fields text NOT NULL,
  before_json longtext DEFAULT NULL,
  after_json longtext DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY created_at (created_at),
  KEY object (object_type,object_id)
) {$charset};"
		);
		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * Stores one entry.
	 *
	 * @param array{user_id: int, user_login: string, action: string, object_type: string, object_id: string, fields: list<string>, before: array<string, mixed>|null, after: array<string, mixed>|null} $entry Entry.
	 */
	public function insert( array $entry ): bool {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- the audit table; nothing to cache on write.
		return false !== $wpdb->insert(
			self::table(),
			array(
				'created_at'  => gmdate( 'Y-m-d H:i:s' ),
				'user_id'     => $entry['user_id'],
				'user_login'  => substr( $entry['user_login'], 0, 60 ),
				'action'      => $entry['action'],
				'object_type' => $entry['object_type'],
				'object_id'   => substr( $entry['object_id'], 0, 80 ),
				'fields'      => implode( ',', $entry['fields'] ),
				'before_json' => null === $entry['before'] ? null : wp_json_encode( $entry['before'] ),
				'after_json'  => null === $entry['after'] ? null : wp_json_encode( $entry['after'] ),
			),
			array( '%s', '%d', '%s', '%s', '%s', '%s', '%s', '%s', '%s' )
		);
	}

	/**
	 * A page of entries, newest first, and how many match.
	 *
	 * @param string $object_type One of TYPES, or '' for all.
	 * @param int    $page        1-based page.
	 * @param int    $per_page    Entries per page.
	 * @return array{total: int, items: list<array<string, mixed>>}
	 */
	public function page( string $object_type, int $page, int $per_page ): array {
		global $wpdb;
		$table  = self::table();
		$where  = '' === $object_type ? '1=1' : $wpdb->prepare( 'object_type = %s', $object_type );
		$offset = max( 0, ( $page - 1 ) * $per_page );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the audit table; $where is prepared above, the table name comes from $wpdb->prefix.
		$total = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE {$where}" );
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE {$where} ORDER BY id DESC LIMIT %d OFFSET %d", $per_page, $offset ), ARRAY_A );
		// phpcs:enable
		return array(
			'total' => $total,
			'items' => array_values( array_map( array( self::class, 'to_entry' ), is_array( $rows ) ? $rows : array() ) ),
		);
	}

	/**
	 * Drops the table (uninstall).
	 */
	public function drop(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- table name from $wpdb->prefix.
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table() );
		delete_option( self::OPTION );
	}

	/**
	 * @param array<string, mixed> $row Row.
	 * @return array<string, mixed> An entry of the audit-entry schema.
	 */
	private static function to_entry( array $row ): array {
		return array(
			'id'          => (int) $row['id'],
			'created_at'  => gmdate( 'Y-m-d\TH:i:s\Z', (int) strtotime( $row['created_at'] . ' UTC' ) ),
			'user_id'     => (int) $row['user_id'],
			'user_login'  => (string) $row['user_login'],
			'action'      => (string) $row['action'],
			'object_type' => (string) $row['object_type'],
			'object_id'   => (string) $row['object_id'],
			'fields'      => array_values( array_filter( explode( ',', (string) $row['fields'] ) ) ),
			'before'      => null === $row['before_json'] ? null : (string) $row['before_json'],
			'after'       => null === $row['after_json'] ? null : (string) $row['after_json'],
		);
	}
}
