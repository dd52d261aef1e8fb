<?php
/**
 * The kept results of scheduled drills.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Settings\Option_Lock;

/**
 * The last results of each feature's drills (newest first, at most KEEP per feature), in the
 * `aifo_drill_results` option: small (a few rows a week per feature), read by Diagnostics and the
 * alerts, written under the option lock so two drills finishing at once lose nothing. A deleted
 * feature's results go with it, so a new feature of the same id never shows them as its own.
 *
 * @since n.e.x.t
 */
final class Drill_Results implements Registers_Hooks {

	public const OPTION = 'aifo_drill_results';

	/** Results kept per feature. */
	public const KEEP = 10;

	public function register_hooks(): void {
		// On the option write itself, so a delete through REST, WP-CLI or code is caught alike.
		add_action( 'update_option_' . Feature_Repository::OPTION, array( $this, 'forget_deleted_features' ), 10, 2 );
	}

	/**
	 * Drops the results of the features the features option no longer holds.
	 *
	 * @param mixed $old_value The stored features before.
	 * @param mixed $value     The stored features now.
	 */
	public function forget_deleted_features( mixed $old_value, mixed $value ): void {
		$gone = array_diff( array_keys( is_array( $old_value ) ? $old_value : array() ), array_keys( is_array( $value ) ? $value : array() ) );
		if ( array() === $gone || array() === array_intersect( $gone, array_keys( $this->all() ) ) ) {
			return;
		}
		Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $gone ): void {
				foreach ( $gone as $feature ) {
					unset( $stored[ (string) $feature ] );
				}
			}
		);
	}

	/**
	 * Every feature's results, newest first.
	 *
	 * @return array<string, list<array<string, mixed>>>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$all    = array();
		foreach ( is_array( $stored ) ? $stored : array() as $feature => $results ) {
			if ( is_array( $results ) ) {
				$all[ (string) $feature ] = array_values( array_filter( $results, 'is_array' ) );
			}
		}
		return $all;
	}

	/**
	 * A feature's newest result, or null when it was never drilled.
	 *
	 * @param string $feature Feature id.
	 * @return array<string, mixed>|null
	 */
	public function latest( string $feature ): ?array {
		return $this->all()[ $feature ][0] ?? null;
	}

	/**
	 * Keeps a result (and drops the oldest beyond KEEP).
	 *
	 * @param array<string, mixed> $result A drill result (Drill_Schedule::drill()).
	 */
	public function add( array $result ): void {
		$feature = (string) $result['feature'];
		Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $feature, $result ): void {
				$kept               = is_array( $stored[ $feature ] ?? null ) ? $stored[ $feature ] : array();
				$stored[ $feature ] = array_slice( array_merge( array( $result ), $kept ), 0, self::KEEP );
			}
		);
	}
}
