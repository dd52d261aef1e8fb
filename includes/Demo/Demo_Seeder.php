<?php
/**
 * Demo data: a keyless Simulator provider and a feature whose primary fails.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Demo;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Repository;

/**
 * Seeds on `aifo_seed_demo` (fired by `npm start`), idempotently: existing data is never changed.
 * The Simulator is also the built-in provider every site starts with (see ensure_simulator()).
 *
 * @since 0.1.0
 */
final class Demo_Seeder implements Registers_Hooks {

	public const SIMULATOR_ID = 'simulator';
	public const FEATURE_ID   = 'demo-summary';

	/** @var list<string> */
	private array $seeded = array();

	public function __construct(
		private readonly Provider_Repository $providers,
		private readonly Feature_Repository $features,
	) {
	}

	public function register_hooks(): void {
		add_action( 'aifo_seed_demo', array( $this, 'seed' ) );
		add_filter( 'aifo_demo_seeded', array( $this, 'report' ) );
	}

	/**
	 * Creates the built-in Simulator provider unless a provider with its id exists.
	 */
	public function ensure_simulator(): bool {
		if ( null !== $this->providers->get( self::SIMULATOR_ID ) ) {
			return false;
		}
		$this->providers->save( new Provider_Config( self::SIMULATOR_ID, __( 'Simulator (built in, no key)', 'ai-failover' ), 'simulator', '', true, true ) );
		return true;
	}

	/**
	 * Seeds the Simulator and the demo feature.
	 */
	public function seed(): void {
		if ( $this->ensure_simulator() ) {
			$this->seeded[] = 'Provider "simulator": the built-in Simulator (no key, no network).';
		}
		if ( null === $this->features->get( self::FEATURE_ID ) ) {
			$saved          = $this->features->save(
				array(
					'id'              => self::FEATURE_ID,
					'label'           => __( 'Demo: post summary', 'ai-failover' ),
					'primary'         => array(
						'provider_id' => self::SIMULATOR_ID,
						'model'       => 'sim-unavailable',
					),
					'fallbacks'       => array(
						array(
							'provider_id' => self::SIMULATOR_ID,
							'model'       => 'sim-echo',
						),
					),
					'degraded_notice' => __( 'The main AI model is unavailable; a backup model wrote this.', 'ai-failover' ),
				)
			);
			$this->seeded[] = is_wp_error( $saved )
				? 'Feature "demo-summary" could not be saved: ' . $saved->get_error_message()
				: 'Feature "demo-summary": primary sim-unavailable (always 503) falls back to sim-echo (answers).';
		}//end if
	}

	/**
	 * Adds what this run seeded to the list npm start prints.
	 *
	 * @param mixed $lines Lines so far.
	 * @return list<string>
	 */
	public function report( $lines ): array {
		return array_merge( array_values( (array) $lines ), $this->seeded );
	}
}
