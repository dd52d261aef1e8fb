<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration;

use AI_Failover\Admin\Admin_Page;
use AI_Failover\Blocks\Block_Registrar;
use AI_Failover\Capabilities;
use AI_Failover\I18n;
use AI_Failover\Plugin;
use AI_Failover\REST\Error_Messages;
use AI_Failover\REST\Features_Controller;
use AI_Failover\REST\Keys_Controller;
use AI_Failover\REST\Models_Controller;
use AI_Failover\REST\Providers_Controller;
use AI_Failover\REST\Settings_Controller;
use AI_Failover\Demo\Demo_Seeder;
use AI_Failover\Demo\Workflow_Demo_Seeder;
use AI_Failover\REST\Features_Summary_Controller;
use AI_Failover\REST\Workflows_Controller;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Run_Repository;

/**
 * @covers \AI_Failover\Plugin
 */
final class Plugin_Test extends Test_Case {

	public function test_boot_wires_init_on_plugins_loaded(): void {
		$this->assertTrue( defined( 'AIFO_VERSION' ) );
		$this->assertTrue( class_exists( Plugin::class ) );
		$this->assertTrue( did_action( 'plugins_loaded' ) > 0 );
		$this->assertTrue( has_filter( 'user_has_cap' ), 'Capabilities were wired by init().' );
	}

	public function test_every_service_wires_its_hooks_with_the_expected_priority(): void {
		$services = ( new Plugin() )->services();
		$by_class = array();
		foreach ( $services as $service ) {
			$by_class[ get_class( $service ) ] = $service;
			$service->register_hooks();
		}

		$this->assertSame( 10, has_action( 'init', array( $by_class[ I18n::class ], 'load_textdomain' ) ) );
		$this->assertSame( 10, has_filter( 'user_has_cap', array( $by_class[ Capabilities::class ], 'grant' ) ) );
		$this->assertSame( 10, has_action( 'rest_api_init', array( $by_class[ Settings_Controller::class ], 'register_routes' ) ) );
		$this->assertSame( 10, has_action( 'admin_menu', array( $by_class[ Admin_Page::class ], 'add_menu' ) ) );
		$this->assertSame( 10, has_action( 'admin_enqueue_scripts', array( $by_class[ Admin_Page::class ], 'enqueue' ) ) );
		$this->assertSame( 10, has_action( 'init', array( $by_class[ Block_Registrar::class ], 'register_blocks' ) ) );
		$this->assertSame( 10, has_filter( 'rest_request_before_callbacks', array( $by_class[ Error_Messages::class ], 'clarify' ) ) );
		foreach ( array( Providers_Controller::class, Keys_Controller::class, Models_Controller::class, Features_Controller::class ) as $controller ) {
			$this->assertSame( 10, has_action( 'rest_api_init', array( $by_class[ $controller ], 'register_routes' ) ), $controller );
		}
		$this->assertSame( 10, has_action( 'aifo_seed_demo', array( $by_class[ Demo_Seeder::class ], 'seed' ) ) );
		$this->assertSame( 20, has_action( 'aifo_seed_demo', array( $by_class[ Workflow_Demo_Seeder::class ], 'seed' ) ), 'after the Simulator exists' );
		// Wired after init (as on a REST request, wired on rest_api_init): the post type is registered at once.
		$this->assertSame( 1, did_action( 'init' ) );
		$this->assertTrue( post_type_exists( Workflow_Post_Type::POST_TYPE ) );
		$this->assertSame( 10, has_filter( 'allowed_block_types_all', array( $by_class[ Workflow_Post_Type::class ], 'allowed_blocks' ) ) );
		$this->assertFalse( has_action( 'admin_menu', array( $by_class[ Workflow_Post_Type::class ], 'add_menu' ) ), 'Admin_Page adds Workflows to the one menu' );
		$this->assertSame( 1, has_action( 'init', array( $by_class[ Workflow_Run_Repository::class ], 'maybe_upgrade' ) ) );
		foreach ( array( Workflows_Controller::class, Features_Summary_Controller::class ) as $controller ) {
			$this->assertSame( 10, has_action( 'rest_api_init', array( $by_class[ $controller ], 'register_routes' ) ), $controller );
		}
		$this->assertSame( 20, has_filter( 'rest_pre_serve_request', array( $by_class[ Workflows_Controller::class ], 'serve_stream' ) ), 'after the CORS headers' );
	}

	public function test_the_plugin_header_matches_the_constants(): void {
		$header = get_file_data(
			AIFO_PLUGIN_FILE,
			array(
				'name'        => 'Plugin Name',
				'version'     => 'Version',
				'requires_wp' => 'Requires at least',
				'requires'    => 'Requires PHP',
				'domain'      => 'Text Domain',
			)
		);

		$this->assertSame( 'AI Failover', $header['name'] );
		$this->assertSame( AIFO_VERSION, $header['version'] );
		$this->assertSame( AIFO_MIN_WP, $header['requires_wp'] );
		$this->assertSame( AIFO_MIN_PHP, $header['requires'] );
		$this->assertSame( 'ai-failover', $header['domain'] );
	}

	public function test_uninstall_removes_the_plugins_options(): void {
		update_option( 'aifo_settings', array( 'log_retention_days' => 3 ) );
		update_option( 'unrelated_option', 'stays' );
		update_option( \AI_Failover\Diagnostics\Event_Rollups::OPTION_GENERATION, 3, false );
		update_option( \AI_Failover\Diagnostics\Event_Rollups::CACHE_OPTION . 'x', array( 'key' => 'k' ), false );

		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'ai-failover/plugin.php' );
		}
		try {
			require AIFO_PLUGIN_DIR . '/uninstall.php';

			$this->assertFalse( get_option( 'aifo_settings' ) );
			$this->assertSame( 'stays', get_option( 'unrelated_option' ) );
			$this->assertFalse( ( new \AI_Failover\Diagnostics\Event_Repository() )->table_exists(), 'The event log table is dropped.' );
			global $wpdb;
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', \AI_Failover\Diagnostics\State_Schema::table() ) ), 'The state table is dropped.' );
			$this->assertFalse( get_option( \AI_Failover\Diagnostics\State_Schema::OPTION ) );
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', Workflow_Run_Repository::table() ) ), 'The workflow runs table is dropped.' );
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', \AI_Failover\Queue\Job_Repository::table() ) ), 'The jobs table is dropped.' );
			$this->assertFalse( get_option( \AI_Failover\Queue\Job_Repository::OPTION ) );
			$this->assertNull( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', \AI_Failover\Diagnostics\Event_Rollups::route_runs_table() ) ), 'The runs-per-route rollups are dropped.' );
			$this->assertFalse( get_option( \AI_Failover\Diagnostics\Event_Rollups::OPTION_GENERATION ) );
			$this->assertFalse( get_option( \AI_Failover\Diagnostics\Event_Rollups::OPTION_VERSION ) );
			$this->assertFalse( get_option( \AI_Failover\Diagnostics\Event_Rollups::CACHE_OPTION . 'x' ), 'The health panel\'s kept sums go.' );
		} finally {
			// DROP TABLE is not rolled back with the test's transaction: put the tables back for the other tests.
			( new \AI_Failover\Diagnostics\Event_Schema() )->install();
			( new \AI_Failover\Diagnostics\State_Schema( new \AI_Failover\Diagnostics\State_Repository() ) )->install();
			( new Workflow_Run_Repository() )->install();
			( new \AI_Failover\Queue\Job_Repository() )->install();
		}
	}
}
