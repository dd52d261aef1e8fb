<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Key_Pool;
use AI_Failover\Secrets\Resolved_Key;

/**
 * Keys per provider with dead/cooling state in memory.
 */
final class Memory_Key_Pool implements Key_Pool {

	/** @var array<string, array{dead: string|null, until: int}> */
	public array $state = array();

	/** @param array<string, list<string>> $labels Provider => key labels (the label doubles as id and secret). */
	public function __construct( private array $labels ) {
	}

	public function usable( string $provider_id, int $now ): array {
		$keys = array();
		foreach ( $this->labels[ $provider_id ] ?? array() as $label ) {
			$state = $this->state[ "$provider_id:$label" ] ?? array(
				'dead'  => null,
				'until' => 0,
			);
			if ( null === $state['dead'] && $state['until'] <= $now ) {
				$keys[] = new Resolved_Key( $label, $label, 'database', 'secret-' . $label );
			}
		}
		return $keys;
	}

	public function cooling_until( string $provider_id, int $now ): ?int {
		$soonest = null;
		foreach ( $this->labels[ $provider_id ] ?? array() as $label ) {
			$state = $this->state[ "$provider_id:$label" ] ?? null;
			if ( $state && null === $state['dead'] && $state['until'] > $now ) {
				$soonest = null === $soonest ? $state['until'] : min( $soonest, $state['until'] );
			}
		}
		return $soonest;
	}

	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void {
		$this->state[ "$provider_id:$key_id" ] = array(
			'dead'  => $reason,
			'until' => 0,
		);
	}

	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {
		$this->state[ "$provider_id:$key_id" ] = array(
			'dead'  => null,
			'until' => $until,
		);
	}
}
