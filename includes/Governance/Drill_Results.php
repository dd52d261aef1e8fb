<?php
/**
 * The kept results of scheduled drills.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Settings\Option_Lock;

/**
 * The last results of each feature's drills (newest first, at most KEEP per feature), in the
 * `aifo_drill_results` option: small (a few rows a week per feature), read by Diagnostics and the
 * alerts, written under the option lock so two drills finishing at once lose nothing.
 *
 * @since n.e.x.t
 */
final class Drill_Results {

	public const OPTION = 'aifo_drill_results';

	/** Results kept per feature. */
	public const KEEP = 10;

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
