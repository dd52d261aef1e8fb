<?php
/**
 * Composition root.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Admin\Assets;
use AI_Failover\Admin\Diagnostics_Page;
use AI_Failover\Blocks\Block_Registrar;
use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Demo\Demo_Seeder;
use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Diagnostics\Event_Recorder;
use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Diagnostics\Health_Report;
use AI_Failover\Diagnostics\Privacy;
use AI_Failover\Diagnostics\Retention;
use AI_Failover\Diagnostics\Site_Health;
use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Diagnostics\State_Schema;
use AI_Failover\Engine\Composite_Event_Sink;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Drill;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route_Health;
use AI_Failover\Engine\Route_Planner;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Engine\Stream_Event_Sink;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Http\Destination_Guard;
use AI_Failover\Http\Dns_Resolver;
use AI_Failover\Http\WP_Http_Transport;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Providers\Simulator_Transport;
use AI_Failover\REST\Error_Messages;
use AI_Failover\REST\Events_Controller;
use AI_Failover\REST\Features_Controller;
use AI_Failover\REST\Keys_Controller;
use AI_Failover\REST\Models_Controller;
use AI_Failover\REST\Providers_Controller;
use AI_Failover\REST\Runs_Controller;
use AI_Failover\REST\Settings_Controller;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_Destination_Rule;
use AI_Failover\Secrets\Key_Resealer;
use AI_Failover\Secrets\Key_Scrubber;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Secrets\Vault_Key_Pool;
use AI_Failover\Settings\Settings_Repository;

/**
 * The only place that knows the object graph and wires every hook.
 *
 * @since 0.1.0
 */
final class Plugin {

	/**
	 * The feature runner of the wired graph, for aifo_run().
	 *
	 * @var Feature_Runner|null
	 */
	private static ?Feature_Runner $runner = null;

	/**
	 * Called once from plugin.php.
	 */
	public static function boot(): void {
		add_action( 'plugins_loaded', array( new self(), 'init' ) );
	}

	/**
	 * Builds the services and lets each register its hooks.
	 */
	public function init(): void {
		try {
			foreach ( $this->services() as $service ) {
				$service->register_hooks();
			}
		} catch ( \Throwable $error ) {
			// A broken service must not take the site down; it is reported where developers look.
			_doing_it_wrong( __METHOD__, esc_html( $error->getMessage() ), '0.1.0' );
		}
	}

	/**
	 * The plugin's services, in wiring order.
	 *
	 * @return list<Registers_Hooks>
	 */
	public function services(): array {
		$schemas   = self::schemas();
		$settings  = new Settings_Repository( $schemas );
		$assets    = new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) );
		$providers = new Provider_Repository();
		$state     = new State_Repository();
		$states    = new Key_State_Store( $state );
		$vault     = new Key_Vault( Secret_Box::from_site(), $states );
		$features  = new Feature_Repository( $schemas, $providers );
		$catalog   = new Model_Catalog();
		$guard     = new Destination_Guard( new Dns_Resolver() );
		$http      = new WP_Http_Transport( $guard );
		$client    = new Provider_Client( $http, new Simulator_Transport(), new Key_Scrubber( $vault ) );
		$clock     = new System_Clock();
		$log       = new Event_Repository();
		$recorder  = new Event_Recorder( $log, $settings );
		$events    = new Composite_Event_Sink( $recorder, new WP_Event_Sink(), new Stream_Event_Sink() );
		$breakers  = new Circuit_Breaker( new WP_State_Store( $state ), $clock, $events );
		$retention = new Retention( $log, $settings );
		$rollups   = new Event_Rollups();
		$drill_sim = new Simulator_Transport( Drill::HANG_MS );
		$health    = new Route_Health( new WP_State_Store(), $clock );
		$engine    = new Chain_Runner( $client, new Vault_Key_Pool( $vault, $states ), $clock, $clock, $clock, $breakers, $events, new Output_Checks( array( self::class, 'schema_problem' ) ), new Route_Planner( $clock, $breakers, $health ), new Drill( new Provider_Client( $drill_sim, $drill_sim ) ), false, $health );
		$runner    = new Feature_Runner( $features, $providers, $catalog, $engine );

		self::$runner = $runner;

		return array(
			new I18n(),
			new Event_Schema(),
			new State_Schema( $state ),
			$recorder,
			$retention,
			$rollups,
			new Site_Health( $providers, $vault, $features, $breakers, $log, $retention ),
			new Privacy( $log ),
			new Alerts( $log, $settings, $features, $providers, $vault, $breakers, $http ),
			new Capabilities(),
			new Key_Resealer( $vault ),
			new Error_Messages(),
			new Settings_Controller( $settings, $schemas, $guard ),
			new Providers_Controller( $schemas, $providers, $vault, $features, $catalog, $guard, new Key_Destination_Rule( $vault ) ),
			new Keys_Controller( $schemas, $providers, $vault, $states, $client ),
			new Models_Controller( $schemas, $providers, $vault, $catalog, $client ),
			new Features_Controller( $schemas, $features ),
			new Runs_Controller( $schemas, $runner, $features ),
			new Events_Controller( $schemas, $log, new Health_Report( $rollups, $breakers, $vault, $providers ) ),
			$runner,
			new Demo_Seeder( $providers, $features ),
			new Admin_Page( $assets ),
			new Diagnostics_Page( $assets ),
			new Block_Registrar( AIFO_PLUGIN_DIR . '/build' ),
		);
	}

	/**
	 * Runs a feature (the aifo_run() function).
	 *
	 * @param string               $feature Feature id.
	 * @param array<string, mixed> $request Request.
	 * @throws \LogicException Never in practice: services() always sets the runner.
	 */
	public static function run_feature( string $feature, array $request ): Run_Result {
		if ( null === self::$runner ) {
			( new self() )->services();
			// Called before plugins_loaded: build the graph without wiring hooks.
		}
		return ( self::$runner ?? throw new \LogicException( 'No feature runner.' ) )->run( $feature, $request );
	}

	/**
	 * JSON Schema check for output validation, by WordPress's own validator.
	 *
	 * @param mixed                $value  Decoded answer.
	 * @param array<string, mixed> $schema Schema.
	 */
	public static function schema_problem( mixed $value, array $schema ): ?string {
		$valid = rest_validate_value_from_schema( $value, $schema, 'answer' );
		return is_wp_error( $valid ) ? $valid->get_error_message() : null;
	}

	/**
	 * Activation: the event log and state tables, and the built-in, keyless Simulator provider every site starts with.
	 */
	public static function activate(): void {
		( new Event_Schema() )->install();
		( new State_Schema( new State_Repository() ) )->install();
		( new Demo_Seeder( new Provider_Repository(), new Feature_Repository( self::schemas(), new Provider_Repository() ) ) )->ensure_simulator();
	}

	/**
	 * The generated schemas.
	 */
	private static function schemas(): Schema_Registry {
		return new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
	}
}
