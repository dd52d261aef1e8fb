<?php
/**
 * Whether a feature's fallbacks can stand in for its primary.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Checked when a feature is saved (never at run time, so a stored feature never loses a fallback
 * it had): a fallback of another API family than the primary (an answer in another model's tone
 * and style) needs `allow_cross_family`; a route whose catalog entry lacks a capability the
 * feature requires, or whose known context window is below the feature's `min_context_tokens`,
 * needs `allow_incapable`. The Simulator stands in for any family (drills and demos); a model the
 * catalog does not know, or a window it does not know, is not judged here (the planner still skips
 * an unknown model when capabilities are required).
 *
 * @since n.e.x.t
 */
final class Compatibility_Check {

	/** The family that stands in for any other. */
	public const ANY_FAMILY = 'simulator';

	/**
	 * @param bool $allow_cross_family Whether fallbacks may be of another family than the primary.
	 * @param bool $allow_incapable    Whether routes may lack what the request needs.
	 * @param int  $min_context_tokens Tokens every route's context window must hold (0: not checked).
	 */
	public function __construct(
		public readonly bool $allow_cross_family = false,
		public readonly bool $allow_incapable = false,
		public readonly int $min_context_tokens = 0,
	) {
	}

	/**
	 * From the feature's `routing.compatibility`.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): self {
		$value = is_array( $value ) ? $value : array();
		return new self( ! empty( $value['allow_cross_family'] ), ! empty( $value['allow_incapable'] ), max( 0, (int) ( $value['min_context_tokens'] ?? 0 ) ) );
	}

	/**
	 * The first route that breaks the rules, with why; null when all fit.
	 *
	 * @param list<array{path: string, label: string, family: string, capabilities: list<string>|null, context_window: int}> $routes   Primary first; capabilities null when the catalog does not know the model.
	 * @param list<string>                                                                                                   $requires Capabilities the feature requires.
	 * @return array{path: string, kind: string, label: string, family: string, primary_family: string, missing: list<string>, context_window: int}|null
	 */
	public function first_problem( array $routes, array $requires ): ?array {
		$primary = $routes[0]['family'] ?? self::ANY_FAMILY;
		foreach ( $routes as $index => $route ) {
			$problem = array(
				'path'           => $route['path'],
				'kind'           => '',
				'label'          => $route['label'],
				'family'         => $route['family'],
				'primary_family' => $primary,
				'missing'        => array(),
				'context_window' => $route['context_window'],
			);
			if ( $index > 0 && ! $this->allow_cross_family && ! self::same_family( $primary, $route['family'] ) ) {
				return array( 'kind' => 'family' ) + $problem;
			}
			if ( $this->allow_incapable ) {
				continue;
			}
			$missing = null === $route['capabilities'] ? array() : array_values( array_diff( $requires, $route['capabilities'] ) );
			if ( $missing ) {
				return array(
					'kind'    => 'capability',
					'missing' => $missing,
				) + $problem;
			}
			if ( $this->min_context_tokens > 0 && $route['context_window'] > 0 && $route['context_window'] < $this->min_context_tokens ) {
				return array( 'kind' => 'context' ) + $problem;
			}
		}//end foreach
		return null;
	}

	/**
	 * @param string $a Family.
	 * @param string $b Family.
	 */
	private static function same_family( string $a, string $b ): bool {
		return $a === $b || self::ANY_FAMILY === $a || self::ANY_FAMILY === $b;
	}
}
