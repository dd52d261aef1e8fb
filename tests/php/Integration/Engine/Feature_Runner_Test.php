<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Queue\Feature_Job_Handler;
use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Queue_Dispatcher;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Engine\Feature_Runner
 */
final class Feature_Runner_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		update_option(
			'aifo_providers',
			array(
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
			)
		);
		update_option(
			'aifo_features',
			array(
				'f' => array(
					'id'        => 'f',
					'label'     => 'F',
					'primary'   => array(
						'provider_id' => 'sim',
						'model'       => 'sim-server-error',
					),
					'fallbacks' => array(
						array(
							'provider_id' => 'sim',
							'model'       => 'sim-echo',
						),
					),
					'triggers'  => array( 'server' => true ),
					'retry'     => array(
						'attempts_per_route' => 1,
						'base_delay_ms'      => 0,
						'max_delay_ms'       => 0,
						'total_budget_ms'    => 5000,
					),
					'timeouts'  => array(
						'connect_ms'    => 1000,
						'first_byte_ms' => 1000,
						'total_ms'      => 2000,
					),
				),
			)
		);
		( new \AI_Failover\Diagnostics\State_Repository() )->forget( 'sim' );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function request(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
		);
	}

	public function test_the_policy_filter_can_adjust_a_request_but_never_the_bounds(): void {
		$loosen = static function ( array $feature ): array {
			$feature['retry']['attempts_per_route'] = 40;
			$feature['retry']['total_budget_ms']    = 600000;
			$feature['triggers']['auth']            = true;
			$feature['fallbacks']                   = array();
			return $feature;
		};
		add_filter( 'aifo_feature_policy', $loosen );

		$result = aifo_run( 'f', $this->request() );

		$this->assertSame( 'failed', $result->status, 'The filter removed the fallback for this request.' );
		$this->assertCount( 3, $result->attempts, 'Attempts clamped to 3, not 40.' );
	}

	public function test_events_fire_as_actions(): void {
		$seen = array();
		foreach ( array( 'aifo_attempt_finished', 'aifo_fallback_started', 'aifo_run_finished' ) as $hook ) {
			add_action(
				$hook,
				static function () use ( &$seen, $hook ) {
					$seen[] = $hook;
				}
			);
		}

		aifo_run( 'f', $this->request() );

		$this->assertSame( array( 'aifo_attempt_finished', 'aifo_fallback_started', 'aifo_attempt_finished', 'aifo_run_finished' ), $seen );
	}

	public function test_a_listener_that_throws_never_breaks_the_run(): void {
		add_action(
			'aifo_attempt_finished',
			static function () {
				throw new \RuntimeException( 'broken listener' );
			}
		);
		add_filter( 'doing_it_wrong_trigger_error', '__return_false' );

		$this->assertTrue( aifo_run( 'f', $this->request() )->succeeded() );
	}

	public function test_a_streamed_run_answers_with_server_sent_events(): void {
		wp_set_current_user( $this->create_user( 'editor' ) );
		$request = new \WP_REST_Request( 'POST', '/ai-failover/v1/features/f/run' );
		$request->set_header( 'content-type', 'application/json' );
		$request->set_body( (string) wp_json_encode( $this->request() + array( 'stream' => true ) ) );

		$response = rest_get_server()->dispatch( $request );
		$this->assertSame( 'text/event-stream; charset=utf-8', $response->get_headers()['Content-Type'] );

		$controller = new \AI_Failover\REST\Runs_Controller( new \AI_Failover\Schema\Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ), ( new \ReflectionClass( \AI_Failover\Engine\Feature_Runner::class ) )->newInstanceWithoutConstructor() );
		$stream     = fopen( 'php://memory', 'w+' );
		$controller->write_events( $response->get_data(), $stream );
		rewind( $stream );
		preg_match_all( '/^event: (\w+)$/m', (string) stream_get_contents( $stream ), $events );

		$this->assertSame( array( 'attempt', 'fallback', 'delta', 'attempt', 'done' ), $events[1], 'The answering attempt ends after its text, as on a live stream.' );
	}

	public function test_a_background_run_defers_a_wait_that_does_not_fit_to_the_queue(): void {
		$jobs = $this->rate_limited_past_the_budget();
		$user = $this->create_user( 'editor' );
		wp_set_current_user( $user );

		$interactive = \AI_Failover\Plugin::run_feature( 'f', $this->request() );
		$this->assertSame( array( 'failed', null ), array( $interactive->status, $interactive->job_id ) );
		$this->assertSame( 0, $jobs->count( null, 0 ), 'A run that is not deferred queues nothing.' );

		$before = (int) floor( microtime( true ) * 1000 );
		$result = \AI_Failover\Plugin::run_feature( 'f', $this->request() + array( 'background' => true ) );
		$this->assertSame( 'deferred', $result->status );
		$this->assertIsInt( $result->job_id );
		$this->assertSame( $result->job_id, $result->to_array()['job_id'] );

		$job = $jobs->find( (int) $result->job_id );
		$this->assertNotNull( $job );
		$this->assertSame( array( Feature_Job_Handler::TYPE, Feature_Job_Handler::SOURCE, Job::QUEUED, $user ), array( $job->type, $job->source, $job->status, $job->user_id ) );
		$this->assertSame( array( 'f', $this->request()['messages'], $result->run_id ), array( $job->payload['feature'], $job->payload['request']['messages'], $job->payload['run_id'] ) );
		$this->assertGreaterThanOrEqual( $before + 1000, $job->run_after, 'Due after the simulator\'s Retry-After of 1 s.' );
		$this->assertFalse( wp_next_scheduled( Feature_Runner::DEFERRED_HOOK, array( 'f', $this->request(), 1 ) ), 'No WP-Cron event of its own.' );

		// An event an earlier version scheduled still runs, and now defers to the queue too.
		do_action( Feature_Runner::DEFERRED_HOOK, 'f', $this->request(), 0 );
		$this->assertSame( 2, $jobs->count( Job::QUEUED, 0 ) );
		$this->assertFalse( wp_next_scheduled( Feature_Runner::DEFERRED_HOOK, array( 'f', $this->request(), 1 ) ) );
	}

	public function test_a_deferred_run_whose_feature_is_gone_is_kept_as_a_failed_job_with_its_error(): void {
		$jobs = $this->rate_limited_past_the_budget();
		$id   = (int) \AI_Failover\Plugin::run_feature( 'f', $this->request() + array( 'background' => true ) )->job_id;
		$this->assertGreaterThan( 0, $id );

		update_option( 'aifo_features', array() );
		$this->assertTrue( $jobs->retry_now( $id, (int) floor( microtime( true ) * 1000 ) ) );
		do_action( Queue_Dispatcher::HOOK );

		$job = $jobs->find( $id );
		$this->assertSame( array( Job::FAILED, 1, 'unknown_feature' ), array( $job?->status, $job?->attempts, $job?->last_error['class'] ?? '' ), 'Dead at once, with its error.' );
		$this->assertSame( 'f', $job?->to_array()['feature'] );
	}

	/**
	 * Feature `f` on the simulator's 429 (Retry-After 1 s) with a one-second budget, so a retry
	 * does not fit; the queue's table installed.
	 */
	private function rate_limited_past_the_budget(): Job_Repository {
		$features                                     = get_option( 'aifo_features' );
		$features['f']['primary']['model']            = 'sim-rate-limited';
		$features['f']['fallbacks']                   = array();
		$features['f']['retry']['total_budget_ms']    = 1000;
		$features['f']['retry']['attempts_per_route'] = 2;
		$features['f']['timeouts']['total_ms']        = 1000;
		update_option( 'aifo_features', $features );
		$jobs = new Job_Repository();
		$jobs->install();
		return $jobs;
	}

	public function test_a_database_outage_after_the_answer_keeps_the_answer(): void {
		global $wpdb;
		$lost = 0;
		add_action(
			'aifo_event_log_failed',
			static function ( int $rows ) use ( &$lost ): void {
				$lost += $rows;
			}
		);
		// The database goes away right after the fallback answered, before the run's books are
		// written: the connection is killed and reconnecting fails (wrong password, one try).
		$password = DB_PASSWORD;
		add_action(
			'aifo_attempt_finished',
			static function ( array $attempt ) use ( $wpdb ): void {
				if ( 'success' === $attempt['outcome'] ) {
					$wpdb->reconnect_retries = 1;
					$wpdb->dbpassword        = 'not-the-password';
					$wpdb->query( 'KILL CONNECTION_ID()' );
				}
			}
		);

		// As on a live site: the failed reconnect only warns, and dead_db()'s wp_die() would end the
		// request (here it throws, so a missing guard fails the test instead of exiting PHPUnit).
		set_error_handler( static fn( int $errno, string $message ): bool => str_contains( $message, 'mysqli_real_connect' ), E_WARNING ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- the test needs the live site's warning behaviour.
		add_filter(
			'wp_die_handler',
			static fn() => static function ( $message ): void {
				throw new \RuntimeException( 'wp_die reached the caller: ' . ( is_string( $message ) ? $message : '' ) );
			}
		);
		// The outage is on purpose: keep its database errors out of the PHP logs npm test checks.
		$suppressed = $wpdb->suppress_errors( true );
		try {
			$result = aifo_run( 'f', $this->request() );
		} finally {
			$wpdb->suppress_errors( $suppressed );
			restore_error_handler();
			$wpdb->dbpassword        = $password;
			$wpdb->reconnect_retries = 5;
			$wpdb->db_connect( false );
			$wpdb->query( 'SET autocommit = 0' );
			$wpdb->query( 'START TRANSACTION' );
		}

		$this->assertTrue( $result->succeeded(), 'The answer the provider gave reaches the caller.' );
		$this->assertStringContainsString( 'Simulated answer to: Hi', $result->text );
		$this->assertSame( 2, $lost, 'The run\'s two event rows are reported lost, not silently dropped.' );
	}
}
