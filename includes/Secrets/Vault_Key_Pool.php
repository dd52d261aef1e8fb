<?php
/**
 * The key vault as the engine sees it.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Contracts\Key_Pool;

/**
 * Key_Pool over Key_Vault and Key_State_Store.
 *
 * @since 0.1.0
 */
final class Vault_Key_Pool implements Key_Pool {

	public function __construct(
		private readonly Key_Vault $vault,
		private readonly Key_State_Store $states,
	) {
	}

	public function usable( string $provider_id, int $now ): array {
		return $this->vault->resolve( $provider_id, $now );
	}

	public function cooling_until( string $provider_id, int $now ): ?int {
		$soonest = null;
		foreach ( $this->vault->views( $provider_id, $now ) as $view ) {
			if ( 'cooling' === $view['state'] && null !== $view['state_until'] ) {
				$until   = (int) strtotime( (string) $view['state_until'] );
				$soonest = null === $soonest ? $until : min( $soonest, $until );
			}
		}
		return $soonest;
	}

	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void {
		$this->states->mark_dead( $provider_id, $key_id, $reason, $now );
	}

	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {
		$this->states->cool_down( $provider_id, $key_id, $until, $reason );
	}
}
