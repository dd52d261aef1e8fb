<?php
/**
 * Capabilities and prices of models.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Catalog;

use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Simulator_Transport;
use AI_Failover\Settings\Option_Lock;

/**
 * Seeded defaults per preset, overlaid by an admin's edits in the `aifo_model_catalog` option
 * ({ provider_id: { model: entry } }). Prices are US dollars per million tokens as the providers
 * list them; they drift, which is why every entry is editable.
 *
 * @since 0.1.0
 */
final class Model_Catalog {

	public const OPTION = 'aifo_model_catalog';

	/**
	 * Preset => model => [ capabilities, input price, output price, context window ].
	 *
	 * @var array<string, array<string, array{0: list<string>, 1: float, 2: float, 3: int}>>
	 */
	private const SEEDS = array(
		'openai'     => array(
			'gpt-4o-mini'  => array( array( 'vision', 'tools', 'json_output', 'logit_bias' ), 0.15, 0.60, 128000 ),
			'gpt-4o'       => array( array( 'vision', 'tools', 'json_output', 'logit_bias' ), 2.50, 10.00, 128000 ),
			'gpt-4.1-mini' => array( array( 'vision', 'tools', 'json_output', 'logit_bias' ), 0.40, 1.60, 1047576 ),
			'gpt-4.1'      => array( array( 'vision', 'tools', 'json_output', 'logit_bias' ), 2.00, 8.00, 1047576 ),
			'o4-mini'      => array( array( 'vision', 'tools', 'json_output', 'reasoning' ), 1.10, 4.40, 200000 ),
		),
		'anthropic'  => array(
			'claude-3-5-haiku-latest' => array( array( 'vision', 'tools' ), 0.80, 4.00, 200000 ),
			'claude-sonnet-4-5'       => array( array( 'vision', 'tools', 'reasoning' ), 3.00, 15.00, 200000 ),
			'claude-opus-4-1'         => array( array( 'vision', 'tools', 'reasoning' ), 15.00, 75.00, 200000 ),
		),
		'gemini'     => array(
			'gemini-2.0-flash' => array( array( 'vision', 'tools', 'json_output' ), 0.10, 0.40, 1048576 ),
			'gemini-2.5-flash' => array( array( 'vision', 'tools', 'json_output', 'reasoning' ), 0.30, 2.50, 1048576 ),
			'gemini-2.5-pro'   => array( array( 'vision', 'tools', 'json_output', 'reasoning' ), 1.25, 10.00, 1048576 ),
		),
		'groq'       => array(
			'llama-3.1-8b-instant'    => array( array( 'tools', 'json_output' ), 0.05, 0.08, 131072 ),
			'llama-3.3-70b-versatile' => array( array( 'tools', 'json_output' ), 0.59, 0.79, 131072 ),
		),
		'mistral'    => array(
			'mistral-small-latest' => array( array( 'tools', 'json_output' ), 0.10, 0.30, 32000 ),
			'mistral-large-latest' => array( array( 'tools', 'json_output' ), 2.00, 6.00, 128000 ),
		),
		'deepseek'   => array(
			'deepseek-chat'     => array( array( 'tools', 'json_output' ), 0.27, 1.10, 64000 ),
			'deepseek-reasoner' => array( array( 'reasoning' ), 0.55, 2.19, 64000 ),
		),
		'xai'        => array(
			'grok-3-mini' => array( array( 'tools', 'json_output', 'reasoning' ), 0.30, 0.50, 131072 ),
		),
		'openrouter' => array(
			'openai/gpt-4o-mini' => array( array( 'vision', 'tools', 'json_output' ), 0.15, 0.60, 128000 ),
		),
		'together'   => array(
			'meta-llama/Llama-3.3-70B-Instruct-Turbo' => array( array( 'tools', 'json_output' ), 0.88, 0.88, 131072 ),
		),
	);

	/**
	 * Every known model of a provider (seeded or edited), sorted by model id.
	 *
	 * @param Provider_Config $provider Provider.
	 * @return array<string, array<string, mixed>> model => entry (with "edited").
	 */
	public function entries( Provider_Config $provider ): array {
		$entries = array();
		foreach ( $this->seeds( $provider->preset ) as $model => $entry ) {
			$entries[ $model ] = $entry + array( 'edited' => false );
		}
		foreach ( $this->stored()[ $provider->id ] ?? array() as $model => $entry ) {
			if ( is_array( $entry ) ) {
				$entries[ (string) $model ] = self::normalise( (string) $model, $entry ) + array( 'edited' => true );
			}
		}
		ksort( $entries );
		return $entries;
	}

	/**
	 * One model's entry, or null when the catalog does not know it.
	 *
	 * @param Provider_Config $provider Provider.
	 * @param string          $model    Model id.
	 * @return array<string, mixed>|null
	 */
	public function get( Provider_Config $provider, string $model ): ?array {
		return $this->entries( $provider )[ $model ] ?? null;
	}

	/**
	 * Saves an admin's entry (already validated against the catalog-entry schema).
	 *
	 * @param string               $provider_id Provider.
	 * @param array<string, mixed> $entry       Entry with "model".
	 * @return array<string, mixed> Stored entry.
	 */
	public function upsert( string $provider_id, array $entry ): array {
		$model = (string) $entry['model'];
		$saved = self::normalise( $model, $entry );
		Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $provider_id, $model, $saved ): void {
				$stored[ $provider_id ][ $model ] = $saved;
			}
		);
		return $saved + array( 'edited' => true );
	}

	/**
	 * Removes an admin's entry; a seeded model goes back to its defaults.
	 *
	 * @param string $provider_id Provider.
	 * @param string $model       Model.
	 */
	public function remove( string $provider_id, string $model ): bool {
		return Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $provider_id, $model ): bool {
				if ( ! isset( $stored[ $provider_id ][ $model ] ) ) {
					return false;
				}
				unset( $stored[ $provider_id ][ $model ] );
				return true;
			}
		);
	}

	/**
	 * Forgets a provider's edits.
	 *
	 * @param string $provider_id Provider.
	 */
	public function forget_provider( string $provider_id ): void {
		Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $provider_id ): void {
				unset( $stored[ $provider_id ] );
			}
		);
	}

	/**
	 * Seeded entries of a preset. Simulator models cost nothing and can do everything.
	 *
	 * @param string $preset Preset.
	 * @return array<string, array<string, mixed>>
	 */
	private function seeds( string $preset ): array {
		if ( 'simulator' === $preset ) {
			$all = array();
			foreach ( array_keys( Simulator_Transport::MODELS ) as $model ) {
				$all[ $model ] = self::normalise( $model, array( 'capabilities' => array( 'vision', 'tools', 'json_output', 'reasoning', 'logit_bias' ) ) );
			}
			return $all;
		}
		$all = array();
		foreach ( self::SEEDS[ $preset ] ?? array() as $model => $seed ) {
			$all[ $model ] = self::normalise(
				$model,
				array(
					'capabilities'          => $seed[0],
					'input_price_per_mtok'  => $seed[1],
					'output_price_per_mtok' => $seed[2],
					'context_window'        => $seed[3],
				)
			);
		}
		return $all;
	}

	/**
	 * @param string               $model Model.
	 * @param array<string, mixed> $entry Entry.
	 * @return array{model: string, capabilities: list<string>, input_price_per_mtok: float, output_price_per_mtok: float, context_window: int}
	 */
	private static function normalise( string $model, array $entry ): array {
		return array(
			'model'                 => $model,
			'capabilities'          => array_values( array_map( 'strval', (array) ( $entry['capabilities'] ?? array() ) ) ),
			'input_price_per_mtok'  => (float) ( $entry['input_price_per_mtok'] ?? 0 ),
			'output_price_per_mtok' => (float) ( $entry['output_price_per_mtok'] ?? 0 ),
			'context_window'        => (int) ( $entry['context_window'] ?? 0 ),
		);
	}

	/**
	 * @return array<string, array<string, mixed>>
	 */
	private function stored(): array {
		$stored = get_option( self::OPTION, array() );
		return is_array( $stored ) ? $stored : array();
	}
}
