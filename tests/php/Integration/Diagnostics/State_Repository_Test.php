<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Diagnostics\State_Schema;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The state table's statements on the real MariaDB: counts from the row as stored, transitions won
 * once, key verdicts that never undo each other, cleanup per provider and key, and the 0.1 upgrade.
 *
 * @covers \AI_Failover\Diagnostics\State_Repository
 * @covers \AI_Failover\Diagnostics\State_Schema
 * @covers \AI_Failover\Engine\WP_State_Store
 * @covers \AI_Failover\Secrets\Key_State_Store
 */
final class State_Repository_Test extends Test_Case {

	private State_Repository $rows;

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . State_Schema::table() );
		$this->rows = new State_Repository();
	}

	public function test_failures_count_from_the_stored_row_and_the_caller_gets_the_new_count(): void {
		global $wpdb;
		$this->assertSame( 1, $this->rows->add_failure( 'route:oa/m' ), 'First failure inserts the row.' );
		$wpdb->insert(
			Event_Schema::table(),
			array(
				'run_id' => 'r',
				'reason' => '',
			)
		); // Another table's auto-increment id must not leak into the count.
		$this->assertSame( 2, $this->rows->add_failure( 'route:oa/m' ) );
		$this->assertSame( 3, $this->rows->add_failure( 'route:oa/m' ) );
		$this->assertSame( 1, $this->rows->add_failure( 'key:oa:k1' ) );
		$this->assertSame( 3, $this->rows->breakers( array( 'oa' ) )['route:oa/m']['failures'] );
	}

	public function test_an_error_rate_window_sums_its_seconds_keeps_them_apart_from_breakers_and_drops_old_ones(): void {
		$subject = 'rate:openai/gpt-4o-mini';
		$start   = 1700000000000;
		$this->rows->count_request( $subject, $start, true, 60000 );
		$this->rows->count_request( $subject, $start, false, 60000 );
		$this->rows->count_request( $subject, $start + 1000, false, 60000 );

		$both = array(
			'requests' => 3,
			'failures' => 1,
		);
		$this->assertSame( $both, $this->rows->window( $subject, $start - 1 ) );
		$this->assertSame(
			array(
				'requests' => 1,
				'failures' => 0,
			),
			$this->rows->window( $subject, $start ),
			'A second that started at the window\'s start is out.'
		);
		$this->assertSame( array(), $this->rows->breakers( array( 'openai' ) ), 'Window rows are not breakers.' );

		$this->rows->count_request( $subject, $start + 61000, false, 60000 );
		$this->assertSame( 2, $this->rows->count( 'openai' ), 'The new second dropped the one older than the longest window.' );

		$this->rows->reset_window( $subject );
		$this->assertSame( 0, $this->rows->count( 'openai' ) );
	}

	public function test_a_breaker_opens_once_when_the_threshold_is_reached(): void {
		$this->rows->add_failure( 'route:oa/m' );
		$this->assertFalse( $this->rows->open_breaker( 'route:oa/m', 2, 1000 ), 'Below the threshold.' );
		$this->rows->add_failure( 'route:oa/m' );
		$this->assertTrue( $this->rows->open_breaker( 'route:oa/m', 2, 1000 ) );
		$this->assertFalse( $this->rows->open_breaker( 'route:oa/m', 2, 2000 ), 'A second worker finds it open already.' );
		$this->assertSame(
			array(
				'state'       => 'open',
				'failures'    => 2,
				'opened_at'   => 1000,
				'probe_until' => 0,
			),
			$this->rows->breakers( array( 'oa' ) )['route:oa/m']
		);
	}

	public function test_one_probe_per_open_period_until_its_claim_expires(): void {
		$this->rows->add_failure( 'route:oa/m' );
		$this->rows->open_breaker( 'route:oa/m', 1, 1000 );

		$this->assertFalse( $this->rows->claim_probe( 'route:oa/m', 999, 40000, 30000 ), 'A period that is not the stored one.' );
		$this->assertTrue( $this->rows->claim_probe( 'route:oa/m', 1000, 40000, 30000 ) );
		$this->assertFalse( $this->rows->claim_probe( 'route:oa/m', 1000, 40001, 30000 ), 'Taken.' );
		$this->assertTrue( $this->rows->claim_probe( 'route:oa/m', 1000, 70000, 30000 ), 'The prober died: free again after the claim\'s time.' );

		$this->assertTrue( $this->rows->reopen_breaker( 'route:oa/m', 1000, 71000 ) );
		$this->assertFalse( $this->rows->reopen_breaker( 'route:oa/m', 1000, 71001 ), 'That period is over.' );
		$this->assertTrue( $this->rows->claim_probe( 'route:oa/m', 71000, 101000, 30000 ), 'The new period gets its own probe.' );
	}

	public function test_a_success_reports_what_it_changed(): void {
		$this->assertNull( $this->rows->close_breaker( 'route:oa/m' ), 'No row: nothing to change.' );
		$this->rows->add_failure( 'route:oa/m' );
		$this->assertSame( 'closed', $this->rows->close_breaker( 'route:oa/m' ), 'Failures reset, no transition.' );
		$this->assertNull( $this->rows->close_breaker( 'route:oa/m' ), 'Clean already: no write.' );
		$this->rows->add_failure( 'route:oa/m' );
		$this->rows->open_breaker( 'route:oa/m', 1, 1000 );
		$this->assertSame( 'open', $this->rows->close_breaker( 'route:oa/m' ) );
		$this->assertSame( 'closed', $this->rows->breakers( array( 'oa' ) )['route:oa/m']['state'] );
	}

	public function test_a_run_reads_all_its_breakers_in_one_query(): void {
		global $wpdb;
		$this->rows->add_failure( 'route:oa/m' );
		$this->rows->add_failure( 'key:oa:k1' );
		$breakers = new Circuit_Breaker( new WP_State_Store( $this->rows ), new System_Clock(), new WP_Event_Sink() );
		$before   = $wpdb->num_queries;
		$breakers->load( array( 'route:oa/m', 'route:cl/c', 'key:oa:k1', 'key:oa:k2' ) );
		$this->assertSame( 1, $breakers->failures( 'route:oa/m' ) );
		$this->assertSame( 0, $breakers->failures( 'route:cl/c' ) );
		$this->assertTrue( $breakers->allows( 'key:oa:k1' ) );
		$this->assertSame( 'closed', $breakers->state( 'key:oa:k2' ) );
		$this->assertSame( 1, $wpdb->num_queries - $before );
	}

	public function test_key_verdicts_never_undo_each_other(): void {
		$states = new Key_State_Store( $this->rows );
		$states->cool_down( 'oa', 'k1', 2000, '429' );
		$states->cool_down( 'oa', 'k1', 1500, '429 again' );
		$this->assertSame( 2000, $states->get( 'oa', 'k1', 1000 )['until'], 'The later end of two cool-downs wins.' );
		$this->assertSame( 'active', $states->get( 'oa', 'k1', 2000 )['state'], 'Then it is active again.' );

		$states->mark_dead( 'oa', 'k2', '401 invalid_api_key', 1000 );
		$states->cool_down( 'oa', 'k2', 3000, '429' );
		$this->assertSame( 'dead', $states->get( 'oa', 'k2', 1000 )['state'], 'A rate limit does not resurrect a dead key.' );
		$this->assertSame( '401 invalid_api_key', $states->get( 'oa', 'k2', 1000 )['reason'] );

		$states->reactivate( 'oa', 'k2' );
		$this->assertSame( 'active', $states->get( 'oa', 'k2', 1000 )['state'] );
		$this->assertSame( 'cooling', $states->get( 'oa', 'k1', 1000 )['state'], 'Other keys keep theirs.' );
	}

	public function test_deleting_a_key_or_a_provider_removes_all_of_its_state(): void {
		$states = new Key_State_Store( $this->rows );
		$this->rows->add_failure( 'route:oa/m' );
		$this->rows->add_failure( 'route:oa/n' );
		$this->rows->add_failure( 'key:oa:k1' );
		$states->cool_down( 'oa', 'k1', time() + 60, '429' );
		$states->mark_dead( 'oa', 'k2', '401', time() );
		$this->rows->add_failure( 'route:cl/c' );

		$states->forget( 'oa', 'k1' );
		$this->assertSame( 0, $this->rows->count( 'oa', 'k1' ) );
		$this->assertSame( 3, $this->rows->count( 'oa' ), 'Its routes and other keys stay.' );

		$states->forget( 'oa' );
		$this->assertSame( 0, $this->rows->count( 'oa' ) );
		$this->assertSame( 1, $this->rows->count( 'cl' ), 'Other providers keep theirs.' );
	}

	public function test_plain_values_live_beside_breakers_and_go_with_their_provider(): void {
		$store = new WP_State_Store( $this->rows );
		$store->set( 'health:oa/m', array( 'score' => 1.5 ) );
		$store->set( 'health:oa/m', array( 'score' => 2.5 ) );
		$this->rows->add_failure( 'route:oa/m' );
		wp_cache_flush();

		$this->assertSame( array( 'score' => 2.5 ), ( new WP_State_Store( $this->rows ) )->get( 'health:oa/m' ) );
		$this->assertNull( $store->get( 'health:cl/c' ) );
		$this->assertSame( array( 'route:oa/m' ), array_keys( $this->rows->breakers( array( 'oa' ) ) ), 'A value is not a breaker.' );

		$this->rows->forget( 'oa' );
		$this->assertNull( $this->rows->value( 'health:oa/m' ), 'Deleting the provider deletes its values too.' );
	}

	public function test_the_upgrade_moves_key_states_and_drops_the_old_breaker_options(): void {
		update_option(
			Key_State_Store::OPTION,
			array(
				'oa:k1' => array(
					'state'  => 'dead',
					'since'  => 1000,
					'reason' => '401',
				),
				'oa:k2' => array(
					'state'  => 'cooling',
					'until'  => time() + 60,
					'reason' => '429',
				),
			),
			false
		);
		add_option( 'aifo_state_' . md5( 'breaker:route:oa/m' ), array( 'failures' => 3 ), '', false );
		add_option( 'aifo_state_' . md5( 'claim:probe:route:oa/m:1' ), '1', '', false );
		delete_option( State_Schema::OPTION );

		( new State_Schema( $this->rows ) )->maybe_upgrade();

		$states = new Key_State_Store( $this->rows );
		$this->assertSame( 'dead', $states->get( 'oa', 'k1', time() )['state'] );
		$this->assertSame( 'cooling', $states->get( 'oa', 'k2', time() )['state'] );
		$this->assertFalse( get_option( Key_State_Store::OPTION ) );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%' AND option_name <> 'aifo_state_db_version'" ) );
		$this->assertSame( State_Schema::VERSION, get_option( State_Schema::OPTION ) );
	}
}
