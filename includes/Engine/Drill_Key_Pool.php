<?php
/**
 * A drill's copy of the keys.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Key_Pool;
use AI_Failover\Secrets\Resolved_Key;

/**
 * The live keys and their states as they were when the drill began; what the drill decides about
 * a key (dead, resting) stays in here and ends with the request.
 *
 * @since 0.2.0
 */
final class Drill_Key_Pool implements Key_Pool {

	/** @var array<string, list<Resolved_Key>> */
	private array $keys = array();

	/** @var array<string, int|null> */
	private array $cooling = array();

	/** @var array<string, true> */
	private array $dead = array();

	/** @var array<string, int> */
	private array $rest_until = array();

	/**
	 * @param Key_Pool     $live         The real pool (only read).
	 * @param list<string> $provider_ids Providers of the drilled feature.
	 * @param int          $now          Unix time.
	 */
	public function __construct( Key_Pool $live, array $provider_ids, int $now ) {
		foreach ( array_unique( $provider_ids ) as $provider_id ) {
			$this->keys[ $provider_id ]    = $live->usable( $provider_id, $now );
			$this->cooling[ $provider_id ] = $live->cooling_until( $provider_id, $now );
		}
	}

	public function usable( string $provider_id, int $now ): array {
		return array_values(
			array_filter(
				$this->keys[ $provider_id ] ?? array(),
				fn( Resolved_Key $key ) => ! isset( $this->dead[ $provider_id . ':' . $key->id ] ) && ( $this->rest_until[ $provider_id . ':' . $key->id ] ?? 0 ) <= $now
			)
		);
	}

	public function cooling_until( string $provider_id, int $now ): ?int {
		$soonest = null !== ( $this->cooling[ $provider_id ] ?? null ) && $this->cooling[ $provider_id ] > $now ? $this->cooling[ $provider_id ] : null;
		foreach ( $this->rest_until as $name => $until ) {
			if ( str_starts_with( $name, $provider_id . ':' ) && $until > $now && ! isset( $this->dead[ $name ] ) ) {
				$soonest = null === $soonest ? $until : min( $soonest, $until );
			}
		}
		return $soonest;
	}

	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void {
		$this->dead[ $provider_id . ':' . $key_id ] = true;
	}

	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {
		$this->rest_until[ $provider_id . ':' . $key_id ] = $until;
	}
}
