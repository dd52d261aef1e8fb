<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Event_Recorder;
use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Diagnostics\Privacy;
use AI_Failover\Diagnostics\Retention;
use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Decision;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\REST\Events_Controller;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Settings\Settings_Repository;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The event log end to end: what a run writes, the filters, a run's attempts, health, CSV,
 * retention, privacy, and that logging never breaks a request.
 *
 * @covers \AI_Failover\Diagnostics\Event_Recorder
 * @covers \AI_Failover\Diagnostics\Event_Repository
 * @covers \AI_Failover\Diagnostics\Retention
 * @covers \AI_Failover\Diagnostics\Privacy
 * @covers \AI_Failover\Diagnostics\Health_Report
 * @covers \AI_Failover\REST\Events_Controller
 */
final class Event_Log_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Event_Schema::table() );
		update_option(
			'aifo_providers',
			array(
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim <b>x</b>',
					'preset' => 'simulator',
				),
			)
		);
		update_option(
			'aifo_features',
			array(
				'summary' => array(
					'id'        => 'summary',
					'label'     => 'Summary',
					'primary'   => array(
						'provider_id' => 'sim',
						'model'       => 'sim-unavailable',
					),
					'fallbacks' => array(
						array(
							'provider_id' => 'sim',
							'model'       => 'sim-echo',
						),
					),
					'retry'     => array(
						'attempts_per_route' => 1,
						'base_delay_ms'      => 0,
						'max_delay_ms'       => 0,
						'total_budget_ms'    => 10000,
					),
					'timeouts'  => array(
						'connect_ms'    => 1000,
						'first_byte_ms' => 1000,
						'total_ms'      => 5000,
					),
				),
			)
		);
		( new \AI_Failover\Diagnostics\State_Repository() )->forget( 'sim' );
		delete_option( Settings_Repository::OPTION );
		wp_set_current_user( $this->create_user( 'administrator' ) );
	}

	private function run_demo(): string {
		$result = aifo_run(
			'summary',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Summarise the secret plan.',
					),
				),
			)
		);
		$this->assertTrue( $result->succeeded() );
		return $result->run_id;
	}

	public function test_a_run_is_written_as_one_row_per_attempt_without_previews_by_default(): void {
		$run_id = $this->run_demo();

		$rows = ( new Event_Repository() )->run( $run_id );
		$this->assertCount( 2, $rows );
		$this->assertSame( array( 'error', 'success' ), array_column( $rows, 'outcome' ) );
		$this->assertSame( 'sim/sim-unavailable', $rows[0]['route'] );
		$this->assertSame( 'server', $rows[0]['error_class'] );
		$this->assertSame( 503, $rows[0]['http_status'] );
		$this->assertSame( 'fallback', $rows[0]['decision'] );
		$this->assertStringContainsString( 'fell back to sim/sim-echo', $rows[0]['reason'] );
		$this->assertSame( 'summary', $rows[1]['feature'] );
		$this->assertSame( 'php', $rows[1]['caller'] );
		$this->assertSame( get_current_user_id(), $rows[1]['user_id'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', $rows[0]['created_at'] );
		$this->assertNull( $rows[0]['prompt_preview'], 'Prompts are not logged by default.' );
		$this->assertNull( $rows[1]['output_preview'] );
	}

	public function test_previews_when_switched_on_are_cut_to_the_configured_size(): void {
		update_option(
			Settings_Repository::OPTION,
			array(
				'log_previews'          => true,
				'log_preview_max_chars' => 10,
			)
		);

		$rows = ( new Event_Repository() )->run( $this->run_demo() );

		$this->assertSame( 'Summarise ', $rows[0]['prompt_preview'] );
		$this->assertSame( 'Simulated ', $rows[1]['output_preview'] );
	}

	public function test_attempts_of_a_run_that_never_finishes_are_written_on_shutdown(): void {
		$recorder = new Event_Recorder( new Event_Repository(), new Settings_Repository( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) ) );
		$recorder->run_started( 'abcdef0123456789', Feature_Policy::from_array( array( 'id' => 'summary' ) ), new Run_Request( new Chat_Request( array() ) ) );
		$recorder->attempt_finished( 'abcdef0123456789', Attempt::failed( 1, new Route( new Provider_Config( 'sim', 'Sim', 'simulator' ), 'x' ), null, 0.0, 12.0, Error_Class::Server, new Provider_Error( Error_Class::Server, 500, 'e', 'down' ) )->decided( Decision::Retry, 'Retried.' ) );

		$this->assertSame( array(), ( new Event_Repository() )->run( 'abcdef0123456789' ), 'Buffered until the run ends.' );
		$recorder->flush_all(); // What the shutdown hook calls after a fatal error.
		$this->assertCount( 1, ( new Event_Repository() )->run( 'abcdef0123456789' ) );
	}

	public function test_a_broken_event_log_never_breaks_the_request(): void {
		global $wpdb;
		$failed = 0;
		add_action(
			'aifo_event_log_failed',
			static function () use ( &$failed ) {
				++$failed;
			}
		);
		$prefix       = $wpdb->prefix;
		$wpdb->prefix = 'missing_';
		// Every table is missing on purpose: keep those database errors out of the log npm test checks.
		$suppressed = $wpdb->suppress_errors( true );
		$result     = aifo_run(
			'summary',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
			)
		);
		$wpdb->suppress_errors( $suppressed );
		$wpdb->prefix = $prefix;

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( 1, $failed );
	}

	public function test_rest_filters_pagination_and_a_run(): void {
		$first = $this->run_demo();
		$this->run_demo();

		$all = $this->rest_get( '/ai-failover/v1/events', array( 'per_page' => 3 ) );
		$this->assertSame( '4', $all->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', $all->get_headers()['X-WP-TotalPages'] );
		$this->assertCount( 3, $all->get_data() );

		$errors = $this->rest_get(
			'/ai-failover/v1/events',
			array(
				'outcome'     => 'error',
				'error_class' => 'server',
			)
		);
		$this->assertSame( '2', $errors->get_headers()['X-WP-Total'] );
		$this->assertSame( '0', $this->rest_get( '/ai-failover/v1/events', array( 'feature' => 'other' ) )->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', $this->rest_get( '/ai-failover/v1/events', array( 'search' => $first ) )->get_headers()['X-WP-Total'], 'Search finds a run id.' );
		$this->assertSame( '0', $this->rest_get( '/ai-failover/v1/events', array( 'after' => gmdate( 'c', time() + 3600 ) ) )->get_headers()['X-WP-Total'] );

		$run = $this->rest_get( '/ai-failover/v1/runs/' . $first )->get_data();
		$this->assertSame( array( 1, 2 ), array_column( $run['attempts'], 'attempt' ) );
		$this->assertSame( 404, $this->rest_get( '/ai-failover/v1/runs/0000000000000000' )->get_status() );

		$this->assertSame( 400, $this->rest_get( '/ai-failover/v1/events', array( 'per_page' => 500 ) )->get_status() );
		$this->assertSame( 400, $this->rest_get( '/ai-failover/v1/events', array( 'sort' => 'id' ) )->get_status(), 'Unknown filters are refused.' );
		$bad_date = $this->rest_get( '/ai-failover/v1/events', array( 'after' => 'yesterday-ish' ) );
		$this->assertSame( 400, $bad_date->get_status(), 'A date that does not parse is refused, not ignored.' );
		$this->assertArrayHasKey( 'after', $bad_date->get_data()['data']['params'] );
	}

	public function test_health_counts_the_fallback(): void {
		$this->run_demo();

		$rows = array_column( $this->rest_get( '/ai-failover/v1/health' )->get_data(), null, 'subject' );

		$this->assertSame( 1, $rows['sim/sim-unavailable']['requests'] );
		$this->assertEquals( 1.0, $rows['sim/sim-unavailable']['error_rate'] );
		$this->assertEquals( 1.0, $rows['sim/sim-unavailable']['fallback_rate'] );
		$this->assertSame( 1, $rows['sim/sim-unavailable']['runs'], 'By run.' );
		$this->assertSame( 1, $rows['sim/sim-unavailable']['runs_fell_back'] );
		$classes = $rows['sim/sim-unavailable']['errors_by_class'];
		$this->assertSame( array( 'server' ), array_column( $classes, 'error_class' ) );
		$this->assertSame( 1, $classes[0]['count'] );
		$this->assertSame( $classes[0]['first_seen'], $classes[0]['last_seen'], 'One error: first seen is last seen.' );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', (string) $classes[0]['first_seen'] );
		$this->assertEquals( 1.0, $rows['sim/sim-echo']['success_rate'] );
		$this->assertSame( 'closed', $rows['sim/sim-echo']['breaker'] );
		$this->assertNotEmpty( $rows['sim/sim-echo']['series'] );
	}

	public function test_csv_export_streams_every_matching_row_and_neutralises_formulas(): void {
		$this->run_demo();
		( new Event_Repository() )->insert_many(
			array(
				array(
					'run_id'     => 'ffffffffffffffff',
					'attempt'    => 1,
					'created_at' => gmdate( 'Y-m-d H:i:s' ),
					'feature'    => '=HYPERLINK("http://evil")',
					'outcome'    => 'error',
					'reason'     => 'x',
				),
			)
		);
		$breakers   = new \AI_Failover\Engine\Circuit_Breaker( new \AI_Failover\Engine\WP_State_Store(), new \AI_Failover\Engine\System_Clock(), new \AI_Failover\Engine\WP_Event_Sink() );
		$vault      = new \AI_Failover\Secrets\Key_Vault( \AI_Failover\Secrets\Secret_Box::from_site(), new \AI_Failover\Secrets\Key_State_Store() );
		$controller = new Events_Controller( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ), new Event_Repository(), new \AI_Failover\Diagnostics\Health_Report( new \AI_Failover\Diagnostics\Event_Rollups(), $breakers, $vault, new \AI_Failover\Providers\Provider_Repository() ) );
		$stream     = fopen( 'php://memory', 'w+' );

		$count = $controller->write_csv( array(), $stream );
		rewind( $stream );
		$csv = (string) stream_get_contents( $stream );

		$this->assertSame( 3, $count );
		$lines = array_values( array_filter( explode( "\n", $csv ) ) );
		$this->assertSame( implode( ',', Events_Controller::CSV_COLUMNS ), $lines[0] );
		$this->assertCount( 4, $lines );
		$this->assertStringContainsString( "'=HYPERLINK", $csv );
		$this->assertSame( 200, $this->rest_get( '/ai-failover/v1/events/export', array( 'outcome' => 'error' ) )->get_status() );
	}

	public function test_retention_deletes_old_rows_in_batches(): void {
		$rows = array();
		for ( $i = 0; $i < 2500; $i++ ) {
			$rows[] = array(
				'run_id'     => sprintf( '%016x', $i ),
				'attempt'    => 1,
				'created_at' => gmdate( 'Y-m-d H:i:s', time() - 40 * DAY_IN_SECONDS ),
				'outcome'    => 'success',
				'reason'     => '',
			);
		}
		$repository = new Event_Repository();
		foreach ( array_chunk( $rows, 500 ) as $chunk ) {
			$repository->insert_many( $chunk );
		}
		$this->run_demo();
		$retention = new Retention( $repository, new Settings_Repository( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) ) );

		$this->assertSame( 2500, $retention->purge() );
		$this->assertSame( 2, $repository->query( array() )['total'], 'Recent rows stay.' );

		add_filter( 'aifo_log_retention_days', static fn() => 1 );
		$this->assertSame( 0, $retention->purge(), 'The filter changes the period.' );
		$this->assertSame( 2, $retention->purge( time() + 3 * DAY_IN_SECONDS ) );
	}

	public function test_privacy_export_and_erasure(): void {
		update_option( Settings_Repository::OPTION, array( 'log_previews' => true ) );
		$this->run_demo();
		$user    = wp_get_current_user();
		$privacy = new Privacy( new Event_Repository() );

		$export = $privacy->export( $user->user_email );
		$this->assertCount( 2, $export['data'] );
		$this->assertTrue( $export['done'] );

		$erased = $privacy->erase( $user->user_email );
		$this->assertTrue( $erased['items_removed'] );
		$this->assertSame( array(), $privacy->export( $user->user_email )['data'] );
		$rows = ( new Event_Repository() )->query( array() )['rows'];
		$this->assertSame( array( 0, 0 ), array_column( $rows, 'user_id' ) );
		$this->assertSame( array( null, null ), array_column( $rows, 'prompt_preview' ) );
	}

	public function test_only_administrators_read_the_log(): void {
		foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
			wp_set_current_user( $this->create_user( $role ) );
			foreach ( array( '/ai-failover/v1/events', '/ai-failover/v1/health', '/ai-failover/v1/events/export', '/ai-failover/v1/runs/0123456789abcdef' ) as $route ) {
				$this->assertSame( 403, $this->rest_get( $route )->get_status(), "$route as $role" );
			}
		}
	}

	public function test_the_schema_installs_idempotently(): void {
		$schema = new Event_Schema();
		$schema->install();
		$schema->install();
		$this->assertSame( Event_Schema::VERSION, get_option( Event_Schema::OPTION ) );
		$this->assertTrue( ( new Event_Repository() )->table_exists() );
	}

	/**
	 * @param array<string, mixed> $query Query.
	 */
	private function rest_get( string $route, array $query = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', $route );
		$request->set_query_params( $query );
		return rest_get_server()->dispatch( $request );
	}
}
