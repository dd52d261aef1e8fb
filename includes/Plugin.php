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
use AI_Failover\Admin\Queue_Page;
use AI_Failover\Blocks\Block_Registrar;
use AI_Failover\Blocks\Workflow_Editor_Settings;
use AI_Failover\Blocks\Workflow_Patterns;
use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\CLI\Breaker_Command;
use AI_Failover\CLI\Commands;
use AI_Failover\CLI\Events_Command;
use AI_Failover\CLI\Feature_Command;
use AI_Failover\CLI\Output;
use AI_Failover\CLI\Queue_Command;
use AI_Failover\CLI\Workflow_Command;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Demo\Demo_Seeder;
use AI_Failover\Demo\Workflow_Demo_Seeder;
use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Diagnostics\Event_Recorder;
use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Diagnostics\Health_Report;
use AI_Failover\Diagnostics\Policy_State_Report;
use AI_Failover\Diagnostics\Privacy;
use AI_Failover\Diagnostics\Retention;
use AI_Failover\Diagnostics\Site_Health;
use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Diagnostics\State_Schema;
use AI_Failover\Engine\Composite_Event_Sink;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Budget_Limits;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Drill;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route_Health;
use AI_Failover\Engine\Route_Planner;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Engine\Spend_Budget;
use AI_Failover\Engine\Stream_Event_Sink;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_Spend_Ledger;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Governance\Access_Guard;
use AI_Failover\Governance\Audit_Repository;
use AI_Failover\Governance\Audit_Trail;
use AI_Failover\Governance\Drill_Results;
use AI_Failover\Governance\Drill_Schedule;
use AI_Failover\Http\Destination_Guard;
use AI_Failover\Http\Dns_Resolver;
use AI_Failover\Http\WP_Http_Transport;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Providers\Simulator_Transport;
use AI_Failover\Provenance\Content_Writer;
use AI_Failover\Provenance\Provenance_Meta;
use AI_Failover\Provenance\Provenance_Panel;
use AI_Failover\Provenance\Provenance_Privacy;
use AI_Failover\Queue\Feature_Job_Handler;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Publish_Trigger;
use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Queue_Dispatcher;
use AI_Failover\Queue\Queue_Runner;
use AI_Failover\Queue\Schedule_Trigger;
use AI_Failover\Queue\Trigger_Settings;
use AI_Failover\Queue\Workflow_Failure_Alerts;
use AI_Failover\Queue\Workflow_Job_Handler;
use AI_Failover\REST\Audit_Controller;
use AI_Failover\REST\Drills_Controller;
use AI_Failover\REST\Error_Messages;
use AI_Failover\REST\Events_Controller;
use AI_Failover\REST\Features_Controller;
use AI_Failover\REST\Features_Summary_Controller;
use AI_Failover\REST\Policy_State_Controller;
use AI_Failover\REST\Keys_Controller;
use AI_Failover\REST\Models_Controller;
use AI_Failover\REST\Providers_Controller;
use AI_Failover\REST\Queue_Controller;
use AI_Failover\REST\Runs_Controller;
use AI_Failover\REST\Settings_Controller;
use AI_Failover\REST\Workflows_Controller;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_Destination_Rule;
use AI_Failover\Secrets\Key_Resealer;
use AI_Failover\Secrets\Key_Scrubber;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Secrets\Vault_Key_Pool;
use AI_Failover\Settings\Settings_Repository;
use AI_Failover\Workflows\Feature_Step_Engine;
use AI_Failover\Workflows\Graph_Parser;
use AI_Failover\Workflows\Run_Retention;
use AI_Failover\Workflows\Step_Budget;
use AI_Failover\Workflows\Workflow_List_Columns;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Run_Repository;
use AI_Failover\Workflows\Workflow_Runner;
use AI_Failover\Workflows\Workflow_Service;

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
	 * The instance boot() hooked to plugins_loaded, so aifo_run() wires the graph it builds.
	 *
	 * @var Plugin|null
	 */
	private static ?Plugin $booted = null;

	/** REST routes (prefixes) that need the plugin's services: its own, the batch route, Site Health's, and the workflow post type's core routes (posts, type, patterns). */
	private const REST_ROUTES = array( '/ai-failover/', '/batch/', '/wp-site-health/', '/wp/v2/aifo-workflows/', '/wp/v2/types/', '/wp/v2/block-patterns/' );

	/** REST routes (prefixes) that need the blocks registered (block types, the block renderer). */
	private const BLOCK_ROUTES = array( '/wp/v2/block' );

	/**
	 * The run route, POST /ai-failover/v1/features/{id}/run: the hot path, which gets only the services a run
	 * uses (services( true )), not the other routes, screens and jobs.
	 */
	private const RUN_ROUTE = '#^/ai-failover/v1/features/[a-z0-9][a-z0-9-]{0,39}/run/?$#';

	/**
	 * Whether the services have registered their hooks on this request.
	 *
	 * @var bool
	 */
	private bool $wired = false;

	/**
	 * The capability service, built on the first aifo_* check.
	 *
	 * @var Capabilities|null
	 */
	private ?Capabilities $capabilities = null;

	/**
	 * The provenance meta service, registered once per request (alone on core's post routes).
	 *
	 * @var Provenance_Meta|null
	 */
	private ?Provenance_Meta $provenance = null;

	/**
	 * Whether the provenance meta has registered its hooks.
	 *
	 * @var bool
	 */
	private bool $provenance_wired = false;

	/**
	 * Called once from plugin.php.
	 */
	public static function boot(): void {
		self::$booted = new self();
		add_action( 'plugins_loaded', array( self::$booted, 'init' ) );
	}

	/**
	 * Wires the services where a request can use them, and only there: wp-admin, WP-Cron and the CLI get
	 * every service as soon as plugins load; a REST request gets them when it asks for one of the plugin's
	 * routes (or for a route whose answer depends on them); every other request (the front end, other
	 * plugins' REST routes) only gets three small callbacks defined here, which build nothing until they
	 * are needed. So the plugin costs about nothing where it is not used, and there is still one place
	 * that builds services.
	 */
	public function init(): void {
		try {
			add_filter( 'user_has_cap', array( $this, 'grant_capabilities' ), 10, 3 );
			add_action( 'wp_after_insert_post', array( $this, 'post_saved' ), 10, 4 );
			if ( is_admin() || wp_doing_cron() || 'cli' === PHP_SAPI ) {
				$this->wire();
				return;
			}
			add_action( 'init', array( $this, 'register_blocks' ) );
			add_action( 'rest_api_init', array( $this, 'wire_for_rest' ), 0 );
		} catch ( \Throwable $error ) {
			// A broken service must not take the site down; it is reported where developers look.
			_doing_it_wrong( __METHOD__, esc_html( $error->getMessage() ), '0.1.0' );
		}
	}

	/**
	 * Builds every service and lets each register its hooks, once. Wired after `init` (a REST request, a
	 * late aifo_run()), it does the part of `init` a request then still needs: translations and the
	 * table upgrades.
	 */
	public function wire(): void {
		$this->wire_services( false );
	}

	/**
	 * Builds the services (all of them, or only a run's) and lets each register its hooks, once.
	 *
	 * @param bool $run_only Only what a run request uses (see services()).
	 */
	private function wire_services( bool $run_only ): void {
		if ( $this->wired ) {
			return;
		}
		$this->wired = true;
		try {
			$services = $this->services( $run_only );
			foreach ( $services as $service ) {
				if ( $service instanceof Capabilities ) {
					continue;
					// init() already filters user_has_cap through grant_capabilities().
				}
				if ( $service instanceof Block_Registrar && did_action( 'init' ) ) {
					continue;
					// register_blocks() ran on init when the request needed blocks.
				}
				if ( $service instanceof Provenance_Meta ) {
					$this->wire_provenance( $service );
					continue;
				}
				$service->register_hooks();
			}
			if ( did_action( 'init' ) ) {
				foreach ( $services as $service ) {
					if ( $service instanceof I18n ) {
						$service->load_textdomain();
					} elseif ( $service instanceof Event_Schema || $service instanceof State_Schema || $service instanceof Job_Repository || $service instanceof Audit_Repository ) {
						$service->maybe_upgrade();
					}
				}
			}
		} catch ( \Throwable $error ) {
			_doing_it_wrong( __METHOD__, esc_html( $error->getMessage() ), '0.1.0' );
		}//end try
	}

	/**
	 * On rest_api_init (priority 0): wires the services when the request's route needs them. A route that is
	 * not known here (an in-process rest_do_request(), the index) wires them too.
	 */
	public function wire_for_rest(): void {
		$route = self::requested_rest_route();
		if ( null !== $route && preg_match( self::RUN_ROUTE, $route ) ) {
			$this->wire_services( true );
		} elseif ( null === $route || '/' === $route || self::route_starts_with( $route, self::REST_ROUTES ) ) {
			$this->wire();
		} elseif ( self::is_post_route( $route ) ) {
			// A post read or saved by the block editor: its provenance meta is shown and kept in revisions.
			$this->wire_provenance( $this->provenance_meta( self::schemas() ) );
		}
	}

	/**
	 * Whether a REST route is core's route of a post type's posts (/wp/v2/<rest_base>...), the only
	 * routes outside the plugin's own that show or save the provenance meta. Read from the registered
	 * post types, so other routes (users, terms, settings) still load nothing of the plugin.
	 *
	 * @param string $route REST route.
	 */
	private static function is_post_route( string $route ): bool {
		if ( ! preg_match( '#^/wp/v2/([^/]+)#', $route, $match ) ) {
			return false;
		}
		foreach ( get_post_types( array( 'show_in_rest' => true ), 'objects' ) as $type ) {
			$base      = is_string( $type->rest_base ) && '' !== $type->rest_base ? $type->rest_base : $type->name;
			$namespace = is_string( $type->rest_namespace ) && '' !== $type->rest_namespace ? $type->rest_namespace : 'wp/v2';
			if ( 'wp/v2' === $namespace && $base === $match[1] && Workflow_Post_Type::POST_TYPE !== $type->name ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The provenance meta service (one per request).
	 *
	 * @param Schema_Registry $schemas Schemas.
	 */
	private function provenance_meta( Schema_Registry $schemas ): Provenance_Meta {
		return $this->provenance ??= new Provenance_Meta( $schemas, new Job_Repository() );
	}

	/**
	 * Registers the provenance meta's hooks once, whether wire() or wire_for_rest() asks first.
	 *
	 * @param Provenance_Meta $provenance Service.
	 */
	private function wire_provenance( Provenance_Meta $provenance ): void {
		if ( ! $this->provenance_wired ) {
			$this->provenance_wired = true;
			$provenance->register_hooks();
		}
	}

	/**
	 * On init: the blocks, on every request that can render or describe them (not on a REST request for
	 * another plugin's or core's route that is not about blocks).
	 */
	public function register_blocks(): void {
		$route = self::requested_rest_route();
		if ( null !== $route && '/' !== $route && ( preg_match( self::RUN_ROUTE, $route ) || ! self::route_starts_with( $route, array_merge( self::REST_ROUTES, self::BLOCK_ROUTES ) ) ) ) {
			return;
		}
		self::block_registrar()->register_blocks();
	}

	/**
	 * On wp_after_insert_post (every request): a post of a type some workflow watches was saved, so
	 * the services are wired and the on-publish trigger decides. Any other save costs one read of
	 * an autoloaded option.
	 *
	 * @param int           $post_id Post id.
	 * @param mixed         $post    Post.
	 * @param bool          $update  Whether it existed.
	 * @param \WP_Post|null $before  The post before the save.
	 */
	public function post_saved( $post_id, $post, $update, $before = null ): void {
		// Trigger_Settings::INDEX, read here so an unwatched save loads no file of the plugin.
		$index = $post instanceof \WP_Post ? get_option( 'aifo_trigger_index' ) : null;
		if ( $post instanceof \WP_Post && is_array( $index ) && ! empty( $index['publish'][ $post->post_type ] ) ) {
			$this->wire();
			do_action( Publish_Trigger::HOOK, $post, (bool) $update, $before ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- aifo_watched_post_saved.
		}
	}

	/**
	 * On user_has_cap: the plugin's capabilities, granted at check time. Checks of other capabilities (every
	 * current_user_can() of WordPress and other plugins) return at once without loading anything.
	 *
	 * @param mixed $allcaps Capabilities the user has.
	 * @param mixed $caps    Capabilities asked for.
	 * @param mixed $args    Arguments of the check.
	 * @return mixed
	 */
	public function grant_capabilities( $allcaps, $caps, $args ) {
		foreach ( (array) $caps as $cap ) {
			// Every capability of the plugin is named aifo_* (Capabilities::DEFAULT_BASE), or *_aifo_workflow(s)
			// for the workflow post type's primitive capabilities (Capabilities::WORKFLOW_POST_CAPS).
			if ( is_string( $cap ) && ( str_starts_with( $cap, 'aifo_' ) || str_contains( $cap, '_aifo_workflow' ) ) ) {
				return ( $this->capabilities ??= new Capabilities() )->grant( $allcaps, $caps, $args );
			}
		}
		return $allcaps;
	}

	/**
	 * The plugin's services, in wiring order.
	 *
	 * A run request (RUN_ROUTE) gets only the first part: the run's object graph and the services whose
	 * hooks a run uses (translations, table upgrades, the event recorder's flush, REST error messages, the
	 * run route). A service that must act on runs (a filter of aifo_feature_policy, a check before the run
	 * callback) belongs in that list, before the early return; everything after it costs a run nothing.
	 *
	 * @param bool $run_only Only what a run request uses.
	 * @return list<Registers_Hooks>
	 */
	public function services( bool $run_only = false ): array {
		$schemas   = self::schemas();
		$settings  = new Settings_Repository( $schemas );
		$providers = new Provider_Repository();
		$state     = new State_Repository();
		$states    = new Key_State_Store( $state );
		$vault     = new Key_Vault( Secret_Box::from_site(), $states );
		$catalog   = new Model_Catalog();
		$features  = new Feature_Repository( $schemas, $providers, $catalog );
		$guard     = new Destination_Guard( new Dns_Resolver() );
		$http      = new WP_Http_Transport( $guard );
		$client    = new Provider_Client( $http, new Simulator_Transport(), new Key_Scrubber( $vault ) );
		$clock     = new System_Clock();
		$log       = new Event_Repository();
		$recorder  = new Event_Recorder( $log, $settings );
		$events    = new Composite_Event_Sink( $recorder, new WP_Event_Sink(), new Stream_Event_Sink() );
		$breakers  = new Circuit_Breaker( new WP_State_Store( $state ), $clock, $events );
		$drill_sim = new Simulator_Transport( Drill::HANG_MS );
		$health    = new Route_Health( new WP_State_Store(), $clock );
		$budget    = new Spend_Budget(
			new WP_Spend_Ledger( $state ),
			$clock,
			wp_timezone(),
			static function () use ( $settings ): Budget_Limits {
				$site = $settings->get();
				return new Budget_Limits( (float) ( $site['site_budget_daily_usd'] ?? 0 ), (float) ( $site['site_budget_monthly_usd'] ?? 0 ) );
			}
		);
		$engine    = new Chain_Runner( $client, new Vault_Key_Pool( $vault, $states ), $clock, $clock, $clock, $breakers, $events, new Output_Checks( array( self::class, 'schema_problem' ) ), new Route_Planner( $clock, $breakers, $health ), new Drill( new Provider_Client( $drill_sim, $drill_sim ) ), false, $health, $budget );
		// A deferred run (a Retry-After past its budget) becomes a queued job; the queue is built
		// only then, so a run that is not deferred loads none of it.
		$defer  = static function ( string $feature_id, array $request, Run_Result $result ) use ( $clock ): int {
			$jobs = new Job_Repository();
			$jobs->maybe_upgrade();
			return Feature_Job_Handler::enqueue( new Queue( $jobs, $clock, new Queue_Dispatcher(), array() ), $feature_id, $request, $result );
		};
		$runner = new Feature_Runner( $features, $providers, $catalog, $engine, new Access_Guard(), $defer );

		self::$runner = $runner;
		if ( $run_only ) {
			return array(
				new I18n(),
				new Event_Schema(),
				new State_Schema( $state ),
				$recorder,
				$this->capabilities ??= new Capabilities(),
				new Error_Messages(),
				new Runs_Controller( $schemas, $runner, $features ),
				$runner,
			);
		}

		$assets     = new Assets( AIFO_PLUGIN_DIR, plugins_url( '', AIFO_PLUGIN_FILE ) );
		$retention  = new Retention( $log, $settings );
		$rollups    = new Event_Rollups();
		$wf_runs    = new Workflow_Run_Repository();
		$provenance = $this->provenance_meta( $schemas );
		$triggers   = new Trigger_Settings( $schemas );
		$workflows  = new Workflow_Service(
			new Graph_Parser( static fn( string $id ): bool => null !== $features->get( $id ), self::workflow_error_classes( $schemas ) ),
			new Workflow_Runner( new Feature_Step_Engine( $runner, $features ), $clock, new Content_Writer( $provenance ) ),
			$wf_runs
		);

		$jobs       = new Job_Repository();
		$queue      = new Queue(
			$jobs,
			$clock,
			new Queue_Dispatcher(),
			array(
				Workflow_Job_Handler::TYPE => new Workflow_Job_Handler( $workflows ),
				Feature_Job_Handler::TYPE  => new Feature_Job_Handler( $runner ),
			)
		);
		$audit      = new Audit_Repository();
		$drill_kept = new Drill_Results();
		$drills     = new Drill_Schedule( $features, $runner, $drill_kept );
		$alerts     = new Alerts( $rollups, $settings, $features, $providers, $vault, $breakers, $http, $drills );

		$diagnostics_page = new Diagnostics_Page( $assets );

		return array(
			new I18n(),
			new Event_Schema(),
			new State_Schema( $state ),
			$recorder,
			$retention,
			$rollups,
			new Site_Health( $providers, $vault, $features, $breakers, $log, $retention ),
			new Privacy( $log ),
			$alerts,
			$this->capabilities ??= new Capabilities(),
			new Key_Resealer( $vault ),
			new Error_Messages(),
			new Settings_Controller( $settings, $schemas, $guard ),
			new Providers_Controller( $schemas, $providers, $vault, $features, $catalog, $guard, new Key_Destination_Rule( $vault ) ),
			new Keys_Controller( $schemas, $providers, $vault, $states, $client, $catalog ),
			new Models_Controller( $schemas, $providers, $vault, $catalog, $client ),
			new Features_Controller( $schemas, $features ),
			new Runs_Controller( $schemas, $runner, $features ),
			new Events_Controller( $schemas, $log, new Health_Report( $rollups, $breakers, $vault, $providers ), $alerts ),
			$runner,
			new Demo_Seeder( $providers, $features ),
			$wf_runs,
			new Workflow_Post_Type( $wf_runs ),
			new Step_Budget(),
			new Run_Retention( $wf_runs, $retention ),
			new Workflows_Controller( $schemas, $workflows, $queue ),
			new Features_Summary_Controller( $schemas, $features ),
			new Workflow_Demo_Seeder( $features, $workflows ),
			new Admin_Page( $assets, $diagnostics_page ),
			$diagnostics_page,
			new Queue_Page( $assets ),
			self::block_registrar(),
			new Workflow_Patterns(),
			new Workflow_Editor_Settings(),
			$jobs,
			new Queue_Runner( $queue, $jobs, $retention ),
			$triggers,
			new Schedule_Trigger( $queue, $clock ),
			new Publish_Trigger( $queue ),
			new Queue_Controller( $schemas, $queue, $jobs ),
			new Workflow_Failure_Alerts( $jobs ),
			new Commands(
				static fn( Output $out ): array => array(
					'ai-failover feature'  => new Feature_Command( $runner, $out ),
					'ai-failover workflow' => new Workflow_Command( $workflows, $queue, $out ),
					'ai-failover events'   => new Events_Command( $log, $out ),
					'ai-failover queue'    => new Queue_Command( $queue, $jobs, $out ),
					'ai-failover breaker'  => new Breaker_Command( $state, $breakers, $providers, $out ),
				)
			),
			$provenance,
			new Provenance_Privacy( $provenance ),
			new Provenance_Panel( $assets ),
			new Workflow_List_Columns( $wf_runs, $triggers ),
			$audit,
			new Audit_Trail( $audit ),
			new Audit_Controller( $schemas, $audit ),
			$drills,
			$drill_kept,
			new Drills_Controller( $schemas, $features, $drills, $drill_kept ),
			new Policy_State_Controller( $schemas, new Policy_State_Report( $features, $runner, $budget, $breakers, $state, $clock ) ),
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
		if ( null === self::$runner && null !== self::$booted && did_action( 'plugins_loaded' ) ) {
			// A request that had not needed the plugin yet (a theme calling aifo_run() on the front end).
			self::$booted->wire();
		}
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
	 * Error classes an On failure branch may be limited to, from the generated block-attribute schema.
	 *
	 * @param Schema_Registry $schemas Schemas.
	 * @return list<string>
	 */
	private static function workflow_error_classes( Schema_Registry $schemas ): array {
		$enum = $schemas->get( 'workflow-on-failure-attributes' )['properties']['errorClasses']['items']['enum'] ?? array();
		return array_values( array_map( 'strval', (array) $enum ) );
	}

	/**
	 * Activation: the event log, state, workflow run and job tables, and the built-in, keyless Simulator provider every site starts with.
	 */
	public static function activate(): void {
		( new Event_Schema() )->install();
		( new State_Schema( new State_Repository() ) )->install();
		( new Workflow_Run_Repository() )->install();
		( new Job_Repository() )->install();
		// Autoloaded from the start, so a post save never queries for a missing option.
		add_option( Trigger_Settings::INDEX, array(), '', true );
		( new Audit_Repository() )->install();
		( new Demo_Seeder( new Provider_Repository(), new Feature_Repository( self::schemas(), new Provider_Repository() ) ) )->ensure_simulator();
	}

	/**
	 * The block registrar (on init, also where nothing else of the plugin is wired).
	 */
	private static function block_registrar(): Block_Registrar {
		return new Block_Registrar( AIFO_PLUGIN_DIR . '/build' );
	}

	/**
	 * The REST route this HTTP request asks for ('/' for the index), or null when it is not a REST
	 * request that names one (then every service is wired, as before).
	 */
	private static function requested_rest_route(): ?string {
		global $wp;
		if ( $wp instanceof \WP && isset( $wp->query_vars['rest_route'] ) && is_string( $wp->query_vars['rest_route'] ) ) {
			return '' === $wp->query_vars['rest_route'] ? '/' : $wp->query_vars['rest_route'];
		}
		// Before parse_request (on init): read it from the URL as rest_api_loaded() will.
		// phpcs:disable WordPress.Security.NonceVerification.Recommended, WordPress.Security.ValidatedSanitizedInput -- only compared with fixed prefixes, never stored or output.
		if ( isset( $_GET['rest_route'] ) && is_string( $_GET['rest_route'] ) ) {
			return '/' . ltrim( wp_unslash( $_GET['rest_route'] ), '/' );
		}
		$path = (string) wp_parse_url( (string) ( $_SERVER['REQUEST_URI'] ?? '' ), PHP_URL_PATH );
		// phpcs:enable
		// Pretty permalinks: /wp-json/… (under the site's folder). With plain ones it is ?rest_route=, above.
		$marker = '/' . rest_get_url_prefix();
		$at     = strpos( $path . '/', $marker . '/' );
		if ( false !== $at ) {
			return '/' . ltrim( substr( $path, $at + strlen( $marker ) ), '/' );
		}
		return null;
	}

	/**
	 * @param string       $route    REST route.
	 * @param list<string> $prefixes Prefixes.
	 */
	private static function route_starts_with( string $route, array $prefixes ): bool {
		foreach ( $prefixes as $prefix ) {
			if ( str_starts_with( trailingslashit( $route ), $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The generated schemas.
	 */
	private static function schemas(): Schema_Registry {
		return new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
	}
}
