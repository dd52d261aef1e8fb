<?php
/**
 * Stores features.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Features;

use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Engine\Compatibility_Check;
use AI_Failover\Engine\Explainer;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Privacy_Rule;
use AI_Failover\Engine\Region_Rule;
use AI_Failover\Governance\Access_Rule;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Settings\Option_Lock;
use AI_Failover\Settings\Settings_Repository;

/**
 * Features in the `aifo_features` option, always validated and completed with defaults by the
 * generated feature schema, then checked for what a schema cannot say: routes point at existing
 * providers, no route appears twice, the per-attempt timeout fits the total budget, and a private
 * feature's routes all declare the data handling it requires, and every route is in a region the
 * feature requires, and its fallbacks can stand in for the primary (Compatibility_Check).
 *
 * @since 0.1.0
 */
final class Feature_Repository {

	public const OPTION = 'aifo_features';
	public const SCHEMA = 'feature';

	private readonly Model_Catalog $catalog;

	/**
	 * The last feature get() completed, with what was stored for it: a streamed run asks for its
	 * feature three times (the stream's checks, then the run), and completing it walks the schema.
	 *
	 * @var array{id: string, stored: array<string, mixed>, feature: array<string, mixed>}|null
	 */
	private ?array $completed = null;

	/**
	 * @param Schema_Registry     $schemas   Schemas.
	 * @param Provider_Repository $providers Providers.
	 * @param Model_Catalog|null  $catalog   What the models can do (compatibility at save); null: the stored catalog.
	 */
	public function __construct(
		private readonly Schema_Registry $schemas,
		private readonly Provider_Repository $providers,
		?Model_Catalog $catalog = null,
	) {
		$this->catalog = $catalog ?? new Model_Catalog();
	}

	/**
	 * All features by id.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$all    = array();
		foreach ( is_array( $stored ) ? $stored : array() as $id => $feature ) {
			if ( is_array( $feature ) ) {
				$all[ (string) $id ] = $this->complete( $feature );
			}
		}
		return $all;
	}

	/**
	 * One feature.
	 *
	 * @param string $id Feature id.
	 * @return array<string, mixed>|null
	 */
	public function get( string $id ): ?array {
		// Only this one gets its defaults: a run should not pay for every other feature of the site.
		$stored = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) || ! is_array( $stored[ $id ] ?? null ) ) {
			return null;
		}
		if ( null === $this->completed || $id !== $this->completed['id'] || $stored[ $id ] !== $this->completed['stored'] ) {
			// Anything saved since (this request, or another worker's, read through the option) differs from it.
			$this->completed = array(
				'id'      => $id,
				'stored'  => $stored[ $id ],
				'feature' => $this->complete( $stored[ $id ] ),
			);
		}
		return $this->completed['feature'];
	}

	/**
	 * Loads the options a run reads besides the features and providers (autoloaded with every request)
	 * in one query: the sealed keys, the model catalog and the site settings are not autoloaded (they
	 * would cost every request that never runs anything), so each would otherwise be a query of its own.
	 * With a persistent object cache, none.
	 */
	public function prime_for_run(): void {
		$names = array( Key_Vault::OPTION, Model_Catalog::OPTION, Settings_Repository::OPTION );
		if ( function_exists( 'wp_prime_option_caches' ) ) {
			wp_prime_option_caches( $names );
			return;
		}
		// WordPress 6.1 to 6.3: what wp_prime_option_caches() (6.4) does.
		$alloptions = wp_load_alloptions();
		$notoptions = wp_cache_get( 'notoptions', 'options' );
		$notoptions = is_array( $notoptions ) ? $notoptions : array();
		$missing    = array();
		foreach ( $names as $name ) {
			if ( ! isset( $alloptions[ $name ] ) && ! isset( $notoptions[ $name ] ) && false === wp_cache_get( $name, 'options' ) ) {
				$missing[ $name ] = true;
			}
		}
		if ( ! $missing ) {
			return;
		}
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- fills WordPress's own options cache, as core's wp_prime_option_caches() does.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', array_fill( 0, count( $missing ), '%s' ) ) . ')', array_keys( $missing ) ), ARRAY_A );
		foreach ( (array) $rows as $row ) {
			wp_cache_add( (string) $row['option_name'], $row['option_value'], 'options' );
			unset( $missing[ (string) $row['option_name'] ] );
		}
		if ( $missing ) {
			wp_cache_set( 'notoptions', $notoptions + $missing, 'options' );
		}
	}

	/**
	 * Validates and stores a whole feature (create or replace).
	 *
	 * @param array<string, mixed> $feature Feature.
	 * @return array<string, mixed>|\WP_Error Saved feature, or a 400 naming the field at fault.
	 */
	public function save( array $feature ): array|\WP_Error {
		$schema = $this->schemas->get( self::SCHEMA );
		$valid  = rest_validate_value_from_schema( $feature, $schema, 'feature' );
		if ( is_wp_error( $valid ) ) {
			$valid->add_data( array( 'status' => 400 ) );
			return $valid;
		}
		$feature = $this->complete( $feature );
		$problem = $this->cross_field_problem( $feature );
		if ( null !== $problem ) {
			return new \WP_Error(
				'rest_invalid_param',
				$problem[1],
				array(
					'status' => 400,
					'params' => array( $problem[0] => $problem[1] ),
				)
			);
		}
		Option_Lock::change(
			self::OPTION,
			true,
			static function ( array &$stored ) use ( $feature ): void {
				$stored[ (string) $feature['id'] ] = $feature;
			}
		);
		return $feature;
	}

	/**
	 * Deletes a feature.
	 *
	 * @param string $id Feature id.
	 */
	public function delete( string $id ): bool {
		return Option_Lock::change(
			self::OPTION,
			true,
			static function ( array &$stored ) use ( $id ): bool {
				if ( ! isset( $stored[ $id ] ) ) {
					return false;
				}
				unset( $stored[ $id ] );
				return true;
			}
		);
	}

	/**
	 * Ids of features with a route on the provider.
	 *
	 * @param string $provider_id Provider.
	 * @return list<string>
	 */
	public function using_provider( string $provider_id ): array {
		$ids = array();
		foreach ( $this->all() as $id => $feature ) {
			foreach ( array_merge( array( $feature['primary'] ), $feature['fallbacks'] ) as $route ) {
				if ( $route['provider_id'] === $provider_id ) {
					$ids[] = $id;
					break;
				}
			}
		}
		return $ids;
	}

	/**
	 * Fills in defaults (nested ones included) and drops unknown fields.
	 *
	 * @param array<string, mixed> $feature Feature.
	 * @return array<string, mixed>
	 */
	private function complete( array $feature ): array {
		return self::with_defaults( $feature, $this->schemas->get( self::SCHEMA ) );
	}

	/**
	 * Recursively applies an object schema's defaults.
	 *
	 * @param mixed                $value  Value.
	 * @param array<string, mixed> $schema Schema.
	 * @return mixed
	 */
	private static function with_defaults( mixed $value, array $schema ): mixed {
		if ( 'object' === ( $schema['type'] ?? '' ) && isset( $schema['properties'] ) ) {
			$value  = is_array( $value ) ? $value : array();
			$result = array();
			foreach ( $schema['properties'] as $name => $property ) {
				if ( array_key_exists( $name, $value ) ) {
					$result[ $name ] = self::with_defaults( $value[ $name ], $property );
				} elseif ( array_key_exists( 'default', $property ) ) {
					$result[ $name ] = self::with_defaults( $property['default'], $property );
				}
			}
			return $result;
		}
		if ( 'array' === ( $schema['type'] ?? '' ) && isset( $schema['items'] ) && is_array( $value ) ) {
			return array_map( static fn( $item ) => self::with_defaults( $item, $schema['items'] ), array_values( $value ) );
		}
		return $value;
	}

	/**
	 * The first rule a valid-by-schema feature breaks: [ field path, message ], or null.
	 *
	 * @param array<string, mixed> $feature Completed feature.
	 * @return array{0: string, 1: string}|null
	 */
	private function cross_field_problem( array $feature ): ?array {
		$routes = array( 'primary' => $feature['primary'] );
		foreach ( $feature['fallbacks'] as $index => $route ) {
			$routes[ 'fallbacks[' . $index . ']' ] = $route;
		}
		$privacy = (array) ( $feature['routing']['privacy'] ?? array() );
		if ( ! empty( $privacy['private'] ) && empty( $privacy['requires'] ) ) {
			return array( 'routing.privacy.requires', __( 'A private feature needs at least one data-handling rule its routes must declare.', 'ai-failover' ) );
		}
		$private = Privacy_Rule::from_array( $privacy );
		$regions = Region_Rule::from_array( $feature['routing']['regions'] ?? null );
		$seen    = array();
		foreach ( $routes as $path => $route ) {
			$provider = $this->providers->get( $route['provider_id'] );
			if ( null === $provider ) {
				/* translators: 1: Field path, 2: Provider id. */
				return array( $path . '.provider_id', sprintf( __( '%1$s uses provider "%2$s", which does not exist.', 'ai-failover' ), $path, $route['provider_id'] ) );
			}
			$undeclared = null === $private ? array() : $private->missing( $provider );
			if ( $undeclared ) {
				/* translators: 1: Provider name, 2: Comma-separated data-handling flags. */
				return array( $path . '.provider_id', sprintf( __( 'This feature is private, and %1$s does not declare %2$s: choose a provider that does (its data handling is set on the Providers screen), or remove this route.', 'ai-failover' ), $provider->label, Explainer::data_flags( $undeclared ) ) );
			}
			if ( null !== $regions && ! $regions->allows( $provider->region ) ) {
				/* translators: 1: Provider name, 2: Its region, 3: Comma-separated regions. */
				return array( $path . '.provider_id', sprintf( __( '%1$s serves from %2$s, and this feature only uses routes in %3$s: choose a provider in one of them (its region is set on the Providers screen), or remove this route.', 'ai-failover' ), $provider->label, '' !== $provider->region ? $provider->region : __( 'no declared region', 'ai-failover' ), implode( ', ', $regions->require ) ) );
			}
			$key = $route['provider_id'] . "\n" . $route['model'];
			if ( isset( $seen[ $key ] ) ) {
				/* translators: 1: Field path, 2: Provider id, 3: Model id, 4: Field path of the first occurrence. */
				return array( $path, sprintf( __( '%1$s repeats %2$s / %3$s, already used by %4$s: each route may appear once.', 'ai-failover' ), $path, $route['provider_id'], $route['model'], $seen[ $key ] ) );
			}
			$seen[ $key ] = $path;
		}//end foreach
		if ( ! empty( $feature['tier']['notice_required'] ) && '' === trim( (string) $feature['degraded_notice'] ) ) {
			return array( 'degraded_notice', __( 'This feature must show users when a fallback served them: write the degraded notice they see.', 'ai-failover' ) );
		}
		foreach ( (array) ( $feature['access']['ip_allow'] ?? array() ) as $index => $entry ) {
			$wrong = Access_Rule::entry_problem( (string) $entry );
			if ( null !== $wrong ) {
				return array( 'access.ip_allow[' . $index . ']', $wrong );
			}
		}
		$pattern = Output_Checks::pattern_problem( $feature['routing']['quality']['regex'] ?? null );
		if ( null !== $pattern ) {
			return array( 'routing.quality.regex', __( 'This is not a valid regular expression.', 'ai-failover' ) );
		}
		$compatibility = $this->compatibility_problem( $feature );
		if ( null !== $compatibility ) {
			return $compatibility;
		}
		if ( $feature['retry']['max_delay_ms'] < $feature['retry']['base_delay_ms'] ) {
			return array( 'retry.max_delay_ms', __( 'retry.max_delay_ms must be at least retry.base_delay_ms.', 'ai-failover' ) );
		}
		if ( $feature['timeouts']['total_ms'] > $feature['retry']['total_budget_ms'] ) {
			return array( 'timeouts.total_ms', __( 'timeouts.total_ms (one attempt) cannot be longer than retry.total_budget_ms (the whole request).', 'ai-failover' ) );
		}
		if ( $feature['timeouts']['first_byte_ms'] > $feature['timeouts']['total_ms'] ) {
			return array( 'timeouts.first_byte_ms', __( 'timeouts.first_byte_ms cannot be longer than timeouts.total_ms.', 'ai-failover' ) );
		}
		return null;
	}

	/**
	 * Whether the fallbacks can stand in for the primary: [ field path, message ], or null.
	 *
	 * @param array<string, mixed> $feature Completed feature whose providers exist.
	 * @return array{0: string, 1: string}|null
	 */
	private function compatibility_problem( array $feature ): ?array {
		$routes = array();
		foreach ( array_merge( array( $feature['primary'] ), $feature['fallbacks'] ) as $index => $route ) {
			$provider = $this->providers->get( $route['provider_id'] );
			if ( null === $provider ) {
				continue;
			}
			$entry    = $this->catalog->get( $provider, $route['model'] );
			$routes[] = array(
				'path'           => 0 === $index ? 'primary' : 'fallbacks[' . ( $index - 1 ) . ']',
				'label'          => $provider->label . ' (' . $route['model'] . ')',
				'family'         => $provider->family(),
				'capabilities'   => null === $entry ? null : array_values( array_map( 'strval', (array) $entry['capabilities'] ) ),
				'context_window' => null === $entry ? 0 : (int) ( $entry['context_window'] ?? 0 ),
			);
		}
		$check   = Compatibility_Check::from_array( $feature['routing']['compatibility'] ?? null );
		$problem = $check->first_problem( $routes, array_values( array_map( 'strval', (array) $feature['requires'] ) ) );
		if ( null === $problem ) {
			return null;
		}
		$message = match ( $problem['kind'] ) {
			/* translators: 1: Provider and model, 2: Its API family, 3: The primary's API family. */
			'family' => sprintf( __( '%1$s is of the %2$s API family and the primary of %3$s: after a cross-family fallback, answers may change in tone and style. Allow cross-family fallbacks under Compatibility, or choose a route of the same family.', 'ai-failover' ), $problem['label'], $problem['family'], $problem['primary_family'] ),
			/* translators: 1: Provider and model, 2: Comma-separated capabilities. */
			'capability' => sprintf( __( '%1$s cannot honour this feature\'s requests: its model lacks %2$s. Allow routes that cannot honour the request under Compatibility, or choose another model.', 'ai-failover' ), $problem['label'], implode( ', ', $problem['missing'] ) ),
			/* translators: 1: Provider and model, 2: Its context window in tokens, 3: The feature's minimum. */
			default => sprintf( __( '%1$s holds %2$d tokens, fewer than this feature\'s minimum of %3$d. Allow routes that cannot honour the request under Compatibility, or choose another model.', 'ai-failover' ), $problem['label'], $problem['context_window'], $check->min_context_tokens ),
		};
		return array( $problem['path'] . ( 'family' === $problem['kind'] ? '.provider_id' : '.model' ), $message );
	}
}
