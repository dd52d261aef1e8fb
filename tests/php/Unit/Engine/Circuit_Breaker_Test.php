<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Memory_Event_Sink;
use AI_Failover\Tests\Unit\Doubles\Memory_State_Store;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Several Circuit_Breaker instances over one store are several PHP workers over the shared table:
 * each reads at the start of its run, they interleave, and none may lose another's update.
 *
 * @covers \AI_Failover\Engine\Circuit_Breaker
 */
final class Circuit_Breaker_Test extends TestCase {

	private const ROUTE = 'route:openai/gpt-4o-mini';

	private Memory_State_Store $store;
	private Fake_Clock $clock;
	private Memory_Event_Sink $sink;

	protected function set_up(): void {
		parent::set_up();
		$this->store = new Memory_State_Store();
		$this->clock = new Fake_Clock();
		$this->sink  = new Memory_Event_Sink();
	}

	private function worker( int $threshold = 5 ): Circuit_Breaker {
		return new Circuit_Breaker( $this->store, $this->clock, $this->sink, $threshold, 30000 );
	}

	/**
	 * What a new run would read.
	 *
	 * @return array{0: string, 1: int}
	 */
	private function seen(): array {
		$fresh = $this->worker();
		return array( $fresh->state( self::ROUTE ), $fresh->failures( self::ROUTE ) );
	}

	public function test_concurrent_failures_all_count(): void {
		$workers = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$workers[ $i ] = $this->worker( 20 );
			$this->assertTrue( $workers[ $i ]->allows( self::ROUTE ), 'Every run starts while the breaker is closed.' );
		}
		foreach ( $workers as $worker ) {
			$worker->record_failure( self::ROUTE );
			$worker->record_failure( self::ROUTE );
		}
		foreach ( $workers as $worker ) {
			$worker->flush();
		}

		$this->assertSame( array( 'closed', 16 ), $this->seen(), '8 runs x 2 failures: 16, not the last writer\'s 2.' );
	}

	public function test_concurrent_failures_open_the_breaker_once_at_the_threshold(): void {
		$workers = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$workers[ $i ] = $this->worker();
			$workers[ $i ]->allows( self::ROUTE );
		}
		foreach ( $workers as $worker ) {
			$worker->record_failure( self::ROUTE );
			$worker->record_failure( self::ROUTE );
			$worker->flush();
		}

		$this->assertSame( array( 'open', 16 ), $this->seen() );
		$this->assertSame( array( array( self::ROUTE, 'closed', 'open' ) ), $this->sink->of( 'breaker' ), 'One transition, reported once.' );
	}

	public function test_a_success_ends_the_failures_even_when_the_worker_read_a_clean_breaker(): void {
		$succeeding = $this->worker();
		$this->assertSame( 'closed', $succeeding->state( self::ROUTE ) ); // Read 0 failures at the start of its run.
		$failing = $this->worker();
		for ( $i = 0; $i < 4; $i++ ) {
			$failing->record_failure( self::ROUTE );
		}
		$failing->flush();
		$succeeding->record_success( self::ROUTE );
		$succeeding->flush();

		$this->assertSame( array( 'closed', 0 ), $this->seen(), 'The success came after the four failures.' );

		$next = $this->worker();
		$next->record_failure( self::ROUTE );
		$next->flush();
		$this->assertSame( array( 'closed', 1 ), $this->seen(), 'One failure after a success does not open it.' );
	}

	public function test_a_success_closes_a_breaker_another_worker_opened_meanwhile(): void {
		$in_flight = $this->worker();
		$this->assertTrue( $in_flight->allows( self::ROUTE ) );
		$failing = $this->worker();
		for ( $i = 0; $i < 5; $i++ ) {
			$failing->record_failure( self::ROUTE );
		}
		$failing->flush();
		$this->assertSame( array( 'open', 5 ), $this->seen() );

		$in_flight->record_success( self::ROUTE );
		$in_flight->flush();

		$this->assertSame( array( 'closed', 0 ), $this->seen() );
		$this->assertSame( array( self::ROUTE, 'open', 'closed' ), $this->sink->of( 'breaker' )[1] );
	}

	public function test_a_flaky_route_opens_only_after_five_failures_in_a_row(): void {
		$outcomes = array( 'fail', 'ok', 'fail', 'fail', 'ok', 'fail', 'fail', 'fail', 'fail', 'ok', 'fail' );
		$workers  = array();
		foreach ( $outcomes as $index => $outcome ) {
			$workers[ $index ] = $this->worker();
			$this->assertTrue( $workers[ $index ]->allows( self::ROUTE ), 'All started together, before any answer.' );
		}
		foreach ( $outcomes as $index => $outcome ) {
			'ok' === $outcome ? $workers[ $index ]->record_success( self::ROUTE ) : $workers[ $index ]->record_failure( self::ROUTE );
			$workers[ $index ]->flush();
		}

		$this->assertSame( array( 'closed', 1 ), $this->seen(), 'Never five failures in a row; one since the last success.' );
		$this->assertSame( array(), $this->sink->of( 'breaker' ) );
	}

	public function test_only_one_worker_probes_a_half_open_breaker(): void {
		$opener = $this->worker( 1 );
		$opener->record_failure( self::ROUTE );
		$opener->flush();
		$this->clock->advance( 30000 );

		$workers = array();
		for ( $i = 0; $i < 6; $i++ ) {
			$workers[ $i ] = $this->worker( 1 );
			$this->assertSame( 'half_open', $workers[ $i ]->state( self::ROUTE ) );
		}
		$allowed = array_filter( $workers, static fn( Circuit_Breaker $worker ) => $worker->allows( self::ROUTE ) );
		$this->assertCount( 1, $allowed, 'Exactly one probe.' );
		$this->assertFalse( reset( $allowed )->allows( self::ROUTE ), 'Not twice by the same worker either.' );

		reset( $allowed )->record_success( self::ROUTE );
		$this->assertSame( array( 'closed', 0 ), $this->seen() );
		$this->assertSame( array( self::ROUTE, 'half_open', 'closed' ), $this->sink->of( 'breaker' )[2] );
	}

	public function test_a_failed_probe_starts_a_new_open_period(): void {
		$opener = $this->worker( 1 );
		$opener->record_failure( self::ROUTE );
		$opener->flush();
		$this->clock->advance( 30000 );

		$prober = $this->worker( 1 );
		$this->assertTrue( $prober->allows( self::ROUTE ) );
		$prober->record_failure( self::ROUTE );
		$prober->flush();

		$this->assertSame( 'open', $this->worker( 1 )->state( self::ROUTE ) );
		$this->assertFalse( $this->worker( 1 )->allows( self::ROUTE ), 'Skipped for a whole new cool-down.' );
		$this->clock->advance( 30000 );
		$this->assertTrue( $this->worker( 1 )->allows( self::ROUTE ), 'Then probed again.' );
		$this->assertSame( array( self::ROUTE, 'half_open', 'open' ), $this->sink->of( 'breaker' )[2] );
	}

	public function test_a_run_reads_its_subjects_once(): void {
		$this->worker()->record_failure( 'key:openai:k1' );
		$calls  = $this->store->calls;
		$worker = $this->worker();
		$worker->load( array( self::ROUTE, 'route:claude/c', 'key:openai:k1' ) );
		$this->assertSame( 1, $this->store->calls - $calls, 'One read for three subjects of two providers.' );

		$calls = $this->store->calls;
		$this->assertSame( 'closed', $worker->state( self::ROUTE ) );
		$this->assertSame( 0, $worker->failures( 'route:claude/c' ) );
		$this->assertSame( 1, $worker->failures( 'key:openai:k1' ) );
		$this->assertTrue( $worker->allows( 'key:openai:k2' ), 'Another key of a provider already read.' );
		$this->assertSame( $calls, $this->store->calls, 'Later questions come from what was read.' );

		$worker->flush();
		$worker->state( self::ROUTE );
		$this->assertSame( $calls + 1, $this->store->calls, 'The next run reads again.' );
	}

	public function test_subjects_name_their_provider_and_key(): void {
		$this->assertSame( array( 'openai', '' ), Circuit_Breaker::owner( 'route:openai/gpt-4o-mini' ) );
		$this->assertSame( array( 'openrouter', '' ), Circuit_Breaker::owner( 'route:openrouter/meta-llama/llama-3:free' ), 'Slashes and colons in model ids.' );
		$this->assertSame( array( 'openai', 'k1ab' ), Circuit_Breaker::owner( 'key:openai:k1ab' ) );
		$this->assertSame( array( 'openai', 'env' ), Circuit_Breaker::owner( 'key:openai:env' ) );
		$this->assertSame( array( 'openai', '' ), Circuit_Breaker::owner( 'health:openai/gpt-4o-mini' ), 'Other kinds of route subjects.' );
		$this->assertSame( array( 'x', '' ), Circuit_Breaker::owner( 'route:x' ) );
	}

	public function test_the_memory_store_keeps_plain_values_beside_breakers_and_shows_both(): void {
		$this->store->set( 'health:openai/gpt-4o-mini', array( 'score' => 1.5 ) );
		$this->worker()->record_failure( self::ROUTE );

		$this->assertSame( array( 'score' => 1.5 ), $this->store->get( 'health:openai/gpt-4o-mini' ) );
		$this->assertSame( array( 'health:openai/gpt-4o-mini', 'breaker:' . self::ROUTE ), array_keys( $this->store->values ), 'A test comparing what is stored sees the breakers too.' );
		$this->assertSame( array( self::ROUTE ), array_keys( $this->store->breakers( array( 'openai' ) ) ), 'Plain values are not breakers.' );
	}
}
