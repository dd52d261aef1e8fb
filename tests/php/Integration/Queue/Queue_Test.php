<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Queue;

use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Handler;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Job_Result;
use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Queue_Dispatcher;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;

/**
 * The queue against the real table (MariaDB, rolled back after each test) with a clock that only
 * moves when told: leases, the concurrency slots, Retry-After deferral, backoff, max attempts,
 * dead jobs, cancel, retry now, dedupe. Concurrent workers over HTTP: Queue_Concurrency_Http_Test.
 *
 * @covers \AI_Failover\Queue\Queue
 * @covers \AI_Failover\Queue\Job_Repository
 * @covers \AI_Failover\Queue\Job
 */
final class Queue_Test extends Test_Case {

	private Fake_Clock $clock;

	private Job_Repository $jobs;

	/** @var list<Job_Result> What the scripted handler answers, in order. */
	private array $script = array();

	/** @var list<int> Jobs the scripted handler ran. */
	private array $handled = array();

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Job_Repository::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- rolled back with the test.
		$this->clock = new Fake_Clock( 1800000000000.0 );
		$this->jobs  = new Job_Repository();
	}

	public function test_a_claimed_job_is_not_claimed_again_until_its_lease_expires_then_its_old_holder_cannot_finish_it(): void {
		$id  = $this->queue()->enqueue( 'scripted', 'cli', array() );
		$now = $this->now();

		$first = $this->jobs->claim( 'worker-a', $now, Queue::LEASE_MS, 2 );
		$this->assertSame( $id, $first?->id );
		$this->assertSame( 1, $first->attempts );
		$this->assertNull( $this->jobs->claim( 'worker-b', $now + Queue::LEASE_MS - 1, Queue::LEASE_MS, 2 ), 'Held: nobody else gets it.' );

		$taken = $this->jobs->claim( 'worker-b', $now + Queue::LEASE_MS + 1, Queue::LEASE_MS, 2 );
		$this->assertSame( $id, $taken?->id, 'A dead worker\'s job is taken over after its lease.' );
		$this->assertSame( 2, $taken->attempts );
		$this->assertFalse( $this->jobs->release( $id, 'worker-a', Job::DONE, $now, 'succeeded', 'r1', null ), 'The old holder lost its lease.' );
		$this->assertTrue( $this->jobs->release( $id, 'worker-b', Job::DONE, $now, 'succeeded', 'r2', null ) );
		$this->assertSame( 'r2', $this->jobs->find( $id )?->result_ref );
	}

	public function test_no_more_jobs_run_at_once_than_the_limit_and_a_freed_slot_is_reused(): void {
		$queue = $this->queue();
		$ids   = array( $queue->enqueue( 'scripted', 'cli', array() ), $queue->enqueue( 'scripted', 'cli', array() ), $queue->enqueue( 'scripted', 'cli', array() ) );
		$now   = $this->now();

		$a = $this->jobs->claim( 'a', $now, Queue::LEASE_MS, 2 );
		$b = $this->jobs->claim( 'b', $now, Queue::LEASE_MS, 2 );
		$this->assertSame( array( $ids[0], $ids[1] ), array( $a?->id, $b?->id ) );
		$this->assertNull( $this->jobs->claim( 'c', $now, Queue::LEASE_MS, 2 ), 'Both slots are busy.' );
		$this->assertSame( 2, $this->jobs->counts()[ Job::RUNNING ] );

		$this->assertTrue( $this->jobs->release( $ids[0], 'a', Job::DONE, $now, 'succeeded', '', null ) );
		$this->assertSame( $ids[2], $this->jobs->claim( 'c', $now, Queue::LEASE_MS, 2 )?->id, 'The freed slot goes to the next job.' );
	}

	public function test_a_retry_waits_for_the_providers_retry_after_and_never_sleeps(): void {
		$this->script = array(
			Job_Result::retry(
				array(
					'class'       => 'rate_limited',
					'message'     => 'Slow down',
					'retry_after' => 42.0,
				),
				42.0
			),
			Job_Result::done( 'succeeded', 'run1' ),
		);
		$queue        = $this->queue();
		$id           = $queue->enqueue( 'scripted', 'schedule', array() );
		$started      = $this->now();

		$this->assertSame(
			array(
				array(
					'id'     => $id,
					'status' => Job::QUEUED,
				),
			),
			$queue->process( 20000, 10 )
		);
		$this->assertSame( $started, $this->now(), 'No sleep: the clock did not move.' );
		$job = $this->jobs->find( $id );
		$this->assertSame( Job::QUEUED, $job?->status );
		$this->assertSame( $started + 42000, $job->run_after, 'Deferred by exactly the Retry-After.' );
		$this->assertSame( 'rate_limited', $job->last_error['class'] ?? '' );
		$this->assertNull( $job->to_array()['finished_at'] );

		$this->clock->advance( 41999 );
		$this->assertSame( array(), $queue->process( 20000, 10 ), 'Not due a millisecond early.' );
		$this->clock->advance( 1 );
		$this->assertSame( Job::DONE, $queue->process( 20000, 10 )[0]['status'] ?? '' );
		$this->assertSame( array( $id, $id ), $this->handled );
		$done = $this->jobs->find( $id );
		$this->assertSame( array( 2, 'succeeded', 'run1' ), array( $done?->attempts, $done->outcome, $done->result_ref ) );
	}

	public function test_without_a_retry_after_the_backoff_doubles_and_a_job_out_of_attempts_is_kept_failed_with_its_error(): void {
		$error        = array(
			'class'   => 'server',
			'message' => 'Upstream 503',
		);
		$this->script = array_fill( 0, 3, Job_Result::retry( $error, null ) );
		$queue        = $this->queue();
		$id           = $queue->enqueue( 'scripted', 'schedule', array() );

		$delays = array();
		for ( $i = 0; $i < 3; $i++ ) {
			$before = $this->now();
			$queue->process( 20000, 10 );
			$job = $this->jobs->find( $id );
			if ( Job::QUEUED === $job?->status ) {
				$delays[] = $job->run_after - $before;
				$this->clock->advance( $job->run_after - $before );
			}
		}
		$this->assertSame( array( 30000, 60000 ), $delays );
		$dead = $this->jobs->find( $id );
		$this->assertSame( Job::FAILED, $dead?->status, 'Out of attempts: kept as failed.' );
		$this->assertSame( 3, $dead->attempts );
		$this->assertSame( 'Upstream 503', $dead->to_array()['error']['message'] ?? '' );
		$this->assertNotNull( $dead->to_array()['finished_at'] );

		$this->assertTrue( $queue->retry_now( $id ), 'Retry now puts a dead job back.' );
		$again = $this->jobs->find( $id );
		$this->assertSame( array( Job::QUEUED, 0, $this->now() ), array( $again?->status, $again->attempts, $again->run_after ) );
	}

	public function test_a_queued_job_can_be_cancelled_a_running_one_cannot_and_a_dedupe_key_queues_once(): void {
		$queue  = $this->queue();
		$first  = $queue->enqueue( 'scripted', 'schedule', array(), array( 'dedupe_key' => 'schedule:7:100' ) );
		$second = $queue->enqueue( 'scripted', 'schedule', array(), array( 'dedupe_key' => 'schedule:7:100' ) );
		$this->assertGreaterThan( 0, $first );
		$this->assertSame( 0, $second, 'The same slot is queued once.' );

		$this->assertTrue( $queue->cancel( $first ) );
		$this->assertSame( Job::CANCELLED, $this->jobs->find( $first )?->status );
		$this->assertSame( array(), $queue->process( 20000, 10 ), 'A cancelled job never runs.' );

		$other = $queue->enqueue( 'scripted', 'cli', array() );
		$this->jobs->claim( 'w', $this->now(), Queue::LEASE_MS, 2 );
		$this->assertFalse( $queue->cancel( $other ), 'Running: not cancellable.' );
		$this->assertSame( Job::RUNNING, $this->jobs->find( $other )?->status );
	}

	public function test_a_handler_that_throws_is_retried_and_a_worker_that_keeps_dying_fails_the_job(): void {
		$queue = $this->queue(
			array(
				'boom' => new class() implements Job_Handler {
					public function handle( Job $job ): Job_Result {
						throw new \RuntimeException( 'Kaboom' );
					}
				},
			)
		);
		$id    = $queue->enqueue( 'boom', 'cli', array() );
		$queue->process( 20000, 10 );
		$this->assertSame( array( Job::QUEUED, 'internal_error' ), array( $this->jobs->find( $id )?->status, $this->jobs->find( $id )?->last_error['class'] ?? '' ) );

		// A job claimed more often than it may be (its workers died holding it) fails without running.
		$dying = $queue->enqueue( 'scripted', 'cli', array(), array( 'max_attempts' => 1 ) );
		$this->jobs->claim( 'dead-worker', $this->now(), Queue::LEASE_MS, 5 );
		$this->clock->advance( Queue::LEASE_MS + 1 );
		$this->assertContains(
			array(
				'id'     => $dying,
				'status' => Job::FAILED,
			),
			$queue->process( 20000, 10 )
		);
		$this->assertSame( 'lease_expired', $this->jobs->find( $dying )?->last_error['class'] ?? '' );
		$this->assertNotContains( $dying, $this->handled );
	}

	public function test_a_scheduled_workflow_that_fails_three_times_in_a_row_raises_one_alert_and_recovers_after_a_success(): void {
		$workflow   = 4242;
		$finish     = function ( string $status, string $outcome, string $message ) use ( $workflow ): void {
			$id = $this->queue()->enqueue( 'scripted', 'schedule', array(), array( 'workflow_id' => $workflow ) );
			$this->jobs->claim( 'w', $this->now(), Queue::LEASE_MS, 2 );
			$this->jobs->release(
				$id,
				'w',
				$status,
				$this->now(),
				$outcome,
				'',
				array(
					'class'   => 'auth',
					'message' => $message,
				)
			);
			$this->clock->advance( 60000 );
		};
		$now        = fn(): int => intdiv( $this->now(), 1000 );
		$conditions = fn(): array => (array) apply_filters( 'aifo_alert_conditions', array(), $now() );
		$key        = 'workflow_failing:' . $workflow;

		$finish( Job::DONE, 'failed', 'Bad key' );
		$finish( Job::FAILED, 'failed', 'Still a bad key' );
		$this->assertArrayNotHasKey( $key, $conditions(), 'Two failures are not three.' );
		$finish( Job::DONE, 'failed', 'The key is wrong' );
		$this->assertStringContainsString( 'failed its last 3 runs. Last error: The key is wrong', $conditions()[ $key ] ?? '' );

		update_option( 'aifo_alert_state', array() );
		$raised = array();
		add_filter(
			'pre_wp_mail',
			static function ( $short, array $mail ) use ( &$raised ) {
				$raised[] = $mail['message'];
				return true;
			},
			5,
			2
		);
		do_action( \AI_Failover\Diagnostics\Alerts::HOOK );
		$this->assertArrayHasKey( $key, (array) get_option( 'aifo_alert_state' ), 'Raised through the plugin\'s alerts.' );
		$this->assertCount( 1, array_filter( $raised, static fn( string $m ) => str_contains( $m, 'failed its last 3 runs' ) ), 'One e-mail.' );

		$finish( Job::DONE, 'succeeded', '' );
		$this->assertArrayNotHasKey( $key, $conditions(), 'A success clears it.' );
	}

	/**
	 * A queue whose `scripted` handler answers from $this->script (done when it runs out).
	 *
	 * @param array<string, Job_Handler> $handlers Other handlers.
	 */
	private function queue( array $handlers = array() ): Queue {
		$test = $this;
		return new Queue(
			$this->jobs,
			$this->clock,
			new Queue_Dispatcher(),
			$handlers + array(
				'scripted' => new class( $test ) implements Job_Handler {
					public function __construct( private readonly Queue_Test $test ) {
					}

					public function handle( Job $job ): Job_Result {
						return $this->test->scripted( $job );
					}
				},
			)
		);
	}

	/**
	 * @param Job $job Job.
	 */
	public function scripted( Job $job ): Job_Result {
		$this->handled[] = $job->id;
		return array_shift( $this->script ) ?? Job_Result::done( 'succeeded', '' );
	}

	private function now(): int {
		return (int) $this->clock->now_ms();
	}
}
