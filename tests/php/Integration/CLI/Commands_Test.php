<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\CLI;

use AI_Failover\CLI\Breaker_Command;
use AI_Failover\CLI\Commands;
use AI_Failover\CLI\Events_Command;
use AI_Failover\CLI\Feature_Command;
use AI_Failover\CLI\Queue_Command;
use AI_Failover\CLI\Workflow_Command;
use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Plugin;
use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * The `wp ai-failover` command classes inside WordPress (the plugin's real graph, the Simulator,
 * rolled back), with a recording output in place of WP-CLI's. The same commands through the real
 * WP-CLI against the rig's site: WP_CLI_Commands_Test.
 *
 * @covers \AI_Failover\CLI\Commands
 * @covers \AI_Failover\CLI\Feature_Command
 * @covers \AI_Failover\CLI\Workflow_Command
 * @covers \AI_Failover\CLI\Events_Command
 * @covers \AI_Failover\CLI\Queue_Command
 * @covers \AI_Failover\CLI\Breaker_Command
 */
final class Commands_Test extends Test_Case {

	private Recording_Output $out;

	/** @var array<string, object> */
	private array $commands = array();

	private int $workflow = 0;

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Job_Repository::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- rolled back with the test.
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
				'echo' => array(
					'id'      => 'echo',
					'label'   => 'Echo',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
				),
			)
		);
		$this->workflow = (int) wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_title'   => 'CLI',
				'post_content' => '<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic","label":"Topic","type":"text","required":true,"default":""}]} -->'
					. '<!-- wp:ai-failover/step {"stepId":"ask","feature":"echo","prompt":"About {{input.topic}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
		$this->out      = new Recording_Output();
		foreach ( ( new Plugin() )->services() as $service ) {
			if ( $service instanceof Commands ) {
				$this->commands = $service->commands( $this->out );
			}
		}
	}

	public function test_the_five_commands_are_there_and_only_wp_cli_registers_them(): void {
		$this->assertSame( array( 'ai-failover feature', 'ai-failover workflow', 'ai-failover events', 'ai-failover queue', 'ai-failover breaker' ), array_keys( $this->commands ) );
		$this->assertFalse( defined( 'WP_CLI' ), 'PHPUnit is not WP-CLI: register_hooks() registers nothing here.' );
	}

	public function test_feature_run_prints_the_answer_who_served_it_and_fails_on_a_failed_run(): void {
		$this->command( 'ai-failover feature', Feature_Command::class )->run( array( 'echo' ), array( 'prompt' => 'Hi' ) );
		$this->assertSame( 'Simulated answer to: Hi', $this->out->lines[0] ?? '' );
		$this->assertStringStartsWith( 'Served by Sim / sim-echo (run ', $this->out->successes[0] ?? '' );

		$this->expectExceptionMessage( 'There is no AI feature "nope"' );
		$this->command( 'ai-failover feature', Feature_Command::class )->run( array( 'nope' ), array( 'message' => 'Hi' ) );
	}

	public function test_feature_run_needs_a_prompt(): void {
		$this->expectExceptionMessage( '--prompt (or --message) is required' );
		$this->command( 'ai-failover feature', Feature_Command::class )->run( array( 'echo' ), array() );
	}

	public function test_workflow_run_runs_now_or_queues_and_refuses_bad_input_by_name(): void {
		$workflow = $this->command( 'ai-failover workflow', Workflow_Command::class );
		$workflow->run( array( (string) $this->workflow ), array( 'input' => '{"topic":"owls"}' ) );
		$run = json_decode( $this->out->lines[0] ?? '', true );
		$this->assertSame( array( 'succeeded', 'Simulated answer to: About owls' ), array( $run['status'] ?? '', $run['output'] ?? '' ) );

		$workflow->run(
			array( (string) $this->workflow ),
			array(
				'input' => '{"topic":"bats"}',
				'async' => true,
			)
		);
		$this->assertMatchesRegularExpression( '/^Queued as job (\d+)\.$/', $this->out->successes[1] ?? '' );
		$queued = ( new Job_Repository() )->list( Job::QUEUED, $this->workflow, 10 );
		$this->assertSame( array( array( 'cli', array( 'input' => array( 'topic' => 'bats' ) ) ) ), array_map( static fn( Job $job ) => array( $job->source, $job->payload ), $queued ) );

		$queue = $this->command( 'ai-failover queue', Queue_Command::class );
		$queue->list( array(), array( 'status' => 'queued' ) );
		$this->assertSame( array( $queued[0]->id ), array_column( $this->out->tables[0]['rows'], 'id' ) );
		$queue->run( array(), array() );
		$this->assertSame( 'Ran 1 job.', end( $this->out->successes ) );
		$this->assertSame( Job::DONE, ( new Job_Repository() )->find( $queued[0]->id )?->status );

		foreach ( array( '[1,2]', 'not json', '{"colour":"red"}' ) as $bad ) {
			try {
				$workflow->run( array( (string) $this->workflow ), array( 'input' => $bad ) );
				$this->fail( 'Accepted ' . $bad );
			} catch ( \RuntimeException $refused ) {
				$this->assertStringContainsString( '{"colour":"red"}' === $bad ? 'no input "colour"' : '--input must be a JSON object', $refused->getMessage() );
			}
		}
	}

	public function test_events_list_filters_by_feature_and_time(): void {
		$this->command( 'ai-failover feature', Feature_Command::class )->run( array( 'echo' ), array( 'prompt' => 'Hi' ) );
		$events = $this->command( 'ai-failover events', Events_Command::class );
		$events->list(
			array(),
			array(
				'feature' => 'echo',
				'since'   => '1 hour ago',
			)
		);
		$events->list(
			array(),
			array(
				'feature' => 'echo',
				'since'   => '+1 hour',
			)
		);
		$events->list( array(), array( 'feature' => 'other' ) );
		$this->assertSame( array( 1, 0, 0 ), array_map( static fn( array $table ) => count( $table['rows'] ), $this->out->tables ) );
		$this->assertSame( array( 'echo', 'sim/sim-echo', 'success' ), array( $this->out->tables[0]['rows'][0]['feature'], $this->out->tables[0]['rows'][0]['route'], $this->out->tables[0]['rows'][0]['outcome'] ) );

		$this->expectExceptionMessage( '--since: "someday" is not a time.' );
		$events->list( array(), array( 'since' => 'someday' ) );
	}

	public function test_breaker_list_shows_an_open_breaker_and_reset_closes_it(): void {
		$state = new State_Repository();
		for ( $i = 0; $i < 5; $i++ ) {
			$state->add_failure( 'route:sim/sim-echo' );
		}
		$state->open_breaker( 'route:sim/sim-echo', 5, (int) floor( microtime( true ) * 1000 ) );
		$state->add_failure( 'key:sim:k1' );

		$breakers = $this->command( 'ai-failover breaker', Breaker_Command::class );
		$breakers->list( array(), array() );
		$this->assertSame(
			array(
				'key:sim:k1'         => array( 'closed', 1 ),
				'route:sim/sim-echo' => array( 'open', 5 ),
			),
			self::by_subject( $this->out->tables[0]['rows'] )
		);

		$breakers->reset( array( 'route:sim/sim-echo' ), array() );
		$this->assertSame( 'Reset 1 breaker.', end( $this->out->successes ) );
		$breakers->list( array(), array() );
		$this->assertSame( array( 'key:sim:k1' => array( 'closed', 1 ) ), self::by_subject( $this->out->tables[1]['rows'] ) );

		$breakers->reset( array(), array( 'all' => true ) );
		$breakers->list( array(), array() );
		$this->assertSame( array(), $this->out->tables[2]['rows'] );

		$this->expectExceptionMessage( '"sim" is not a breaker' );
		$breakers->reset( array( 'sim' ), array() );
	}

	/**
	 * @template T of object
	 * @param string          $name  Command name.
	 * @param class-string<T> $class Expected class.
	 * @return T
	 */
	private function command( string $name, string $class ): object {
		$command = $this->commands[ $name ] ?? null;
		$this->assertInstanceOf( $class, $command );
		return $command;
	}

	/**
	 * @param list<array<string, mixed>> $rows Breaker rows.
	 * @return array<string, array{0: string, 1: int}>
	 */
	private static function by_subject( array $rows ): array {
		$seen = array();
		foreach ( $rows as $row ) {
			$seen[ (string) $row['subject'] ] = array( (string) $row['state'], (int) $row['failures'] );
		}
		ksort( $seen );
		return $seen;
	}
}
