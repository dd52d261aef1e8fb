<?php
/**
 * One row of the decision table.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * What the engine does with a step of one class.
 *
 * @since 0.2.0
 */
final class Rule {

	/**
	 * @param Same_Route    $same_route      Whether the same route is tried again.
	 * @param Key_Step      $key             What happens to the key.
	 * @param Fallback_Rule $fallback        Whether the request may move to the next route.
	 * @param bool          $default_trigger The feature's default for an If_Allowed class.
	 * @param bool          $breaker         Counts against the route's and key's circuit breakers.
	 */
	public function __construct(
		public readonly Same_Route $same_route,
		public readonly Key_Step $key,
		public readonly Fallback_Rule $fallback,
		public readonly bool $default_trigger,
		public readonly bool $breaker,
	) {
	}

	/**
	 * @return array{same_route: string, key: string, fallback: string, default_trigger: bool, breaker: bool}
	 */
	public function to_array(): array {
		return array(
			'same_route'      => $this->same_route->value,
			'key'             => $this->key->value,
			'fallback'        => $this->fallback->value,
			'default_trigger' => $this->default_trigger,
			'breaker'         => $this->breaker,
		);
	}
}
