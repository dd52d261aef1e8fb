<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Diagnostics\Alerts;
use AI_Failover\Governance\Drill_Results;
use AI_Failover\Governance\Drill_Schedule;
use AI_Failover\Plugin;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The schedule (WP-Cron's hourly hook): a feature is drilled when its frequency says it is due,
 * not before; the result is kept; and the alerts raise a condition while its newest drill did not
 * hold, which clears once a drill holds again.
 *
 * @covers \AI_Failover\Governance\Drill_Schedule
 * @covers \AI_Failover\Governance\Drill_Results
 * @covers \AI_Failover\Diagnostics\Alerts
 */
final class Drill_Schedule_Test extends Test_Case {

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
		$this->save_feature( array() );
		delete_option( Drill_Results::OPTION );
	}

	public function test_a_due_feature_is_drilled_on_schedule_and_a_broken_chain_alerts_until_it_holds(): void {
		$schedule = $this->service( Drill_Schedule::class );
		$alerts   = $this->service( Alerts::class );
		$now      = time();

		$this->assertSame( array( 'drilled' ), $schedule->run_due( $now ), 'Never drilled: due at once.' );
		$latest = ( new Drill_Results() )->latest( 'drilled' );
		$this->assertFalse( $latest['held'] ?? null, 'No fallback: the chain does not hold.' );
		$this->assertSame( 'schedule', $latest['trigger'] );
		$this->assertSame( array( 'server', 'timeout' ), array_column( $latest['steps'], 'error_class' ) );
		$this->assertArrayHasKey( 'drill_failed:drilled', $alerts->active_conditions( $now ) );
		$this->assertStringContainsString( 'server, timeout', $alerts->active_conditions( $now )['drill_failed:drilled'] );

		$this->assertSame( array(), $schedule->run_due( $now + 6 * DAY_IN_SECONDS ), 'Weekly: not due after six days.' );

		$this->save_feature(
			array(
				array(
					'provider_id' => 'sim',
					'model'       => 'sim-echo',
				),
			)
		);
		$this->assertSame( array( 'drilled' ), $schedule->run_due( $now + 7 * DAY_IN_SECONDS ) );
		$this->assertTrue( ( new Drill_Results() )->latest( 'drilled' )['held'] ?? null, 'With a fallback, the chain holds.' );
		$this->assertArrayNotHasKey( 'drill_failed:drilled', $alerts->active_conditions( $now ) );
		$this->assertCount( 2, ( new Drill_Results() )->all()['drilled'] );
	}

	public function test_the_check_is_scheduled_hourly_on_wp_cron(): void {
		wp_clear_scheduled_hook( Drill_Schedule::HOOK );
		$this->service( Drill_Schedule::class )->schedule();

		$this->assertSame( 'hourly', wp_get_schedule( Drill_Schedule::HOOK ) );
		wp_clear_scheduled_hook( Drill_Schedule::HOOK );
	}

	/**
	 * @param list<array<string, string>> $fallbacks Fallback routes.
	 */
	private function save_feature( array $fallbacks ): void {
		update_option(
			'aifo_features',
			array(
				'drilled' => array(
					'id'        => 'drilled',
					'label'     => 'Drilled',
					'primary'   => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo-primary',
					),
					'fallbacks' => $fallbacks,
					'retry'     => array(
						'attempts_per_route' => 1,
						'base_delay_ms'      => 0,
						'max_delay_ms'       => 0,
					),
					'drills'    => array(
						'enabled' => true,
						'steps'   => array( 'server', 'timeout' ),
					),
				),
			)
		);
	}

	/**
	 * The wired service of a class (the composition root's graph).
	 *
	 * @template T of object
	 * @param class-string<T> $class_name Class.
	 * @return T
	 */
	private function service( string $class_name ): object {
		foreach ( ( new Plugin() )->services() as $service ) {
			if ( $service instanceof $class_name ) {
				return $service;
			}
		}
		$this->fail( "No $class_name service." );
	}
}
