<?php
/**
 * Contract for the keys the engine may use.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Secrets\Resolved_Key;

/**
 * Usable keys per provider, and the two verdicts the engine passes on a key.
 *
 * @since 0.1.0
 */
interface Key_Pool {

	/**
	 * Keys usable now, in rotation order.
	 *
	 * @param string $provider_id Provider.
	 * @param int    $now         Unix time.
	 * @return list<Resolved_Key>
	 */
	public function usable( string $provider_id, int $now ): array;

	/**
	 * When the first cooling key of the provider becomes usable again, or null if none is cooling.
	 *
	 * @param string $provider_id Provider.
	 * @param int    $now         Unix time.
	 */
	public function cooling_until( string $provider_id, int $now ): ?int;

	/**
	 * Takes a key out of rotation (auth, payment, forbidden).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param string $reason      Reason.
	 * @param int    $now         Unix time.
	 */
	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void;

	/**
	 * Rests a key until $until (rate limits).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $until       Unix time.
	 * @param string $reason      Reason.
	 */
	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void;
}
