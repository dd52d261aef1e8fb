<?php
/**
 * A private feature's data-handling line.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Provider_Config;

/**
 * A private feature only ever uses routes whose provider declares every data-handling flag the
 * feature requires (Provider_Config::declares(): a local provider declares them all). The rest
 * are left out of the plan before any request is made, so no failure, retry, fallback or drill
 * can send the feature's content to them; each one left out is a skipped attempt that names the
 * flags it lacked.
 *
 * @since n.e.x.t
 */
final class Privacy_Rule {

	/** What a private feature requires when it names nothing: never weaker than the schema's default. */
	public const DEFAULT_REQUIRES = array( 'no_retention', 'no_training' );

	/**
	 * @param list<string> $requires Flags every route must declare (Provider_Config::DATA_FLAGS).
	 */
	public function __construct( public readonly array $requires ) {
	}

	/**
	 * From the feature's `routing.privacy` (the feature schema's shape); null when not private.
	 * Unknown flags are dropped; an empty list means the default flags.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): ?self {
		if ( ! is_array( $value ) || empty( $value['private'] ) ) {
			return null;
		}
		$requires = array_values( array_intersect( Provider_Config::DATA_FLAGS, array_map( 'strval', (array) ( $value['requires'] ?? array() ) ) ) );
		return new self( $requires ? $requires : self::DEFAULT_REQUIRES );
	}

	/**
	 * The required flags the provider does not declare ([] when it is eligible).
	 *
	 * @param Provider_Config $provider Provider.
	 * @return list<string>
	 */
	public function missing( Provider_Config $provider ): array {
		return array_values( array_filter( $this->requires, static fn( string $flag ): bool => ! $provider->declares( $flag ) ) );
	}
}
