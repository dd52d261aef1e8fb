<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Queue;

use AI_Failover\Queue\Queue_Dispatcher;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Who wakes the workers: WP-Cron (one pending wake-up, the earliest), or Action Scheduler when
 * its functions exist (the recording stand-ins below are declared for the rest of this process,
 * and any later wake-up goes to them: harmless, they only record).
 *
 * @covers \AI_Failover\Queue\Queue_Dispatcher
 */
final class Queue_Dispatcher_Test extends Test_Case {

	public function test_without_action_scheduler_one_wp_cron_wake_up_is_pending_the_earliest(): void {
		add_filter( 'aifo_queue_use_action_scheduler', '__return_false' );
		wp_clear_scheduled_hook( Queue_Dispatcher::HOOK, array( 'wake' ) );
		$dispatcher = new Queue_Dispatcher();
		$now        = time() * 1000;

		$dispatcher->wake( $now + 30000, $now );
		$this->assertSame( time() + 30, wp_next_scheduled( Queue_Dispatcher::HOOK, array( 'wake' ) ) );
		$dispatcher->wake( $now + 90000, $now );
		$this->assertSame( time() + 30, wp_next_scheduled( Queue_Dispatcher::HOOK, array( 'wake' ) ), 'A later job does not postpone the wake-up.' );
		$dispatcher->wake( $now - 5000, $now );
		$this->assertSame( time(), wp_next_scheduled( Queue_Dispatcher::HOOK, array( 'wake' ) ), 'A job due now moves it forward (WordPress would refuse a second one within ten minutes).' );
		$this->assertFalse( $dispatcher->uses_action_scheduler() );
	}

	public function test_with_action_scheduler_it_dispatches_through_it_unless_the_filter_says_no(): void {
		if ( ! function_exists( 'as_enqueue_async_action' ) ) {
			require __DIR__ . '/action-scheduler-stand-in.php';
		}
		$GLOBALS['aifo_test_as_calls'] = array();
		wp_clear_scheduled_hook( Queue_Dispatcher::HOOK, array( 'wake' ) );
		$dispatcher = new Queue_Dispatcher();
		$now        = time() * 1000;

		$this->assertTrue( $dispatcher->uses_action_scheduler(), 'Detected.' );
		$dispatcher->wake( $now, $now );
		$dispatcher->wake( $now + 42000, $now );
		$this->assertSame(
			array(
				array( 'async', Queue_Dispatcher::HOOK, array(), 'ai-failover', true ),
				array( 'single', time() + 42, Queue_Dispatcher::HOOK, array(), 'ai-failover', true ),
			),
			$GLOBALS['aifo_test_as_calls']
		);
		$this->assertFalse( wp_next_scheduled( Queue_Dispatcher::HOOK, array( 'wake' ) ), 'No WP-Cron wake-up as well.' );

		add_filter( 'aifo_queue_use_action_scheduler', '__return_false' );
		$dispatcher->wake( $now, $now );
		$this->assertCount( 2, $GLOBALS['aifo_test_as_calls'], 'Turned off: back to WP-Cron.' );
		$this->assertNotFalse( wp_next_scheduled( Queue_Dispatcher::HOOK, array( 'wake' ) ) );
	}
}
