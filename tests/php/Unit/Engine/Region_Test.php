<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Decision;
use AI_Failover\Engine\Engine_Class;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Region_Rule;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Fixed_Random;
use AI_Failover\Tests\Unit\Doubles\Memory_Event_Sink;
use AI_Failover\Tests\Unit\Doubles\Memory_Key_Pool;
use AI_Failover\Tests\Unit\Doubles\Memory_State_Store;
use AI_Failover\Tests\Unit\Doubles\Scripted_Caller;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Regions with the fake clock and scripted providers: required regions leave the others out,
 * preferred ones go first, and a region whose every route has an open breaker is skipped as a
 * whole (two routes at least; half-open counts as up), until the cool-down lets a probe through.
 *
 * Providers: "eu1", "eu2" (region eu), "us1", "us2" (us), "anywhere" (no region). Breakers open
 * after 5 failures in a row for 30 s.
 *
 * @covers \AI_Failover\Engine\Region_Rule
 * @covers \AI_Failover\Engine\Region_Outage
 * @covers \AI_Failover\Engine\Route_Planner
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Explainer
 */
final class Region_Test extends TestCase {

	private Fake_Clock $clock;
	private Memory_State_Store $store;
	private Memory_Event_Sink $sink;
	private Scripted_Caller $caller;

	/** @var array<string, Provider_Config> */
	private array $providers = array();

	protected function set_up(): void {
		parent::set_up();
		$this->clock = new Fake_Clock();
		$this->store = new Memory_State_Store();
		$this->sink  = new Memory_Event_Sink();
		foreach ( array(
			'eu1'      => 'eu',
			'eu2'      => 'eu',
			'us1'      => 'us',
			'us2'      => 'us',
			'anywhere' => '',
		) as $id => $region ) {
			$this->providers[ $id ] = new Provider_Config( $id, strtoupper( $id ), 'openai', '', false, true, $region );
		}
	}

	/**
	 * @param list<string>         $routes  Provider ids, primary first.
	 * @param array<string, mixed> $regions routing.regions.
	 */
	private function policy( array $routes, array $regions = array() ): Feature_Policy {
		$spec = static fn( string $id ): array => array(
			'provider_id' => $id,
			'model'       => 'm',
		);
		return Feature_Policy::from_array(
			array(
				'id'        => 'geo',
				'primary'   => $spec( $routes[0] ),
				'fallbacks' => array_map( $spec, array_slice( $routes, 1 ) ),
				'retry'     => array( 'attempts_per_route' => 1 ),
				'routing'   => array( 'regions' => $regions ),
			)
		);
	}

	/**
	 * @param array<string, list<mixed>> $script Outcomes per route.
	 */
	private function execute( Feature_Policy $policy, array $script = array() ): Run_Result {
		$routes = array();
		foreach ( array_merge( array( $policy->primary ), $policy->fallbacks ) as $index => $spec ) {
			$routes[] = new Route( $this->providers[ $spec['provider_id'] ], 'm', 1, 0 === $index ? 'primary' : 'fallback ' . $index );
		}
		$this->caller = new Scripted_Caller( $script, $this->clock );
		$breakers     = new Circuit_Breaker( $this->store, $this->clock, $this->sink );
		$keys         = new Memory_Key_Pool( array_fill_keys( array_keys( $this->providers ), array( 'k' ) ) );
		$runner       = new Chain_Runner( $this->caller, $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $this->sink, new Output_Checks() );
		$message      = array(
			'role'    => 'user',
			'content' => 'Hello',
		);
		return $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100 ) ) );
	}

	/**
	 * Opens the route breakers of these providers, as 5 failures in a row from other workers would.
	 *
	 * @param list<string> $providers Provider ids.
	 */
	private function open( array $providers ): void {
		$breakers = new Circuit_Breaker( $this->store, $this->clock, $this->sink );
		foreach ( $providers as $id ) {
			for ( $i = 0; $i < 5; $i++ ) {
				$breakers->record_failure( 'route:' . $id . '/m' );
			}
		}
		$breakers->flush();
	}

	/**
	 * @return list<string>
	 */
	private static function classes( Run_Result $result ): array {
		return array_map( static fn( $a ) => $a->provider_id . ':' . ( $a->error_class?->value ?? 'ok' ), $result->attempts );
	}

	public function test_required_regions_leave_every_other_route_out_and_say_why(): void {
		$result = $this->execute( $this->policy( array( 'us1', 'anywhere', 'eu1' ), array( 'require' => array( 'eu' ) ) ) );

		$this->assertSame( array( 'eu1/m' ), $this->caller->routes() );
		$this->assertSame( array( 'us1:region_excluded', 'anywhere:region_excluded', 'eu1:ok' ), self::classes( $result ) );
		$this->assertSame( 'Skipped: this feature only uses routes in eu, and the provider US1 serves from us.', $result->attempts[0]->reason );
		$this->assertSame( 'Skipped: this feature only uses routes in eu, and the provider ANYWHERE declares no region.', $result->attempts[1]->reason );
	}

	public function test_a_required_region_never_falls_back_outside_it(): void {
		$result = $this->execute( $this->policy( array( 'eu1', 'us1' ), array( 'require' => array( 'eu' ) ) ), array( 'eu1/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );

		$this->assertSame( array( 'eu1/m' ), $this->caller->routes() );
		$this->assertSame( Run_Result::FAILED, $result->status );
	}

	public function test_preferred_regions_go_first_in_their_order_and_the_others_keep_theirs(): void {
		$policy = $this->policy( array( 'us1', 'anywhere', 'eu1', 'us2', 'eu2' ), array( 'prefer' => array( 'eu', 'us' ) ) );
		$result = $this->execute( $policy );

		$this->assertSame( array( 'eu1/m', 'eu2/m', 'us1/m', 'us2/m', 'anywhere/m' ), $result->route_order );
		$this->assertSame( array( 'eu1/m' ), $this->caller->routes() );
	}

	public function test_a_region_whose_every_route_is_open_is_skipped_as_a_whole(): void {
		$this->open( array( 'eu1', 'eu2' ) );
		$result = $this->execute( $this->policy( array( 'eu1', 'us1', 'eu2' ) ) );

		$this->assertSame( array( 'us1/m' ), $this->caller->routes(), 'No request to the region that is down.' );
		$this->assertSame( array( 'eu1:region_outage', 'eu2:region_outage', 'us1:ok' ), self::classes( $result ), 'Both routes of the region are skipped at once, before us1 is tried.' );
		$this->assertSame( Decision::Skip, $result->attempts[0]->decision );
		$this->assertSame( 'Skipped: region eu is down (the circuit breakers of all 2 of this feature\'s routes there are open), so the region is skipped as a whole; moving on to us1/m in region us.', $result->attempts[0]->reason );
		$this->assertSame( Run_Result::SUCCESS, $result->status );
		$this->assertTrue( $result->degraded );
	}

	public function test_one_open_route_is_not_a_region_outage(): void {
		$this->open( array( 'eu1' ) );
		$result = $this->execute( $this->policy( array( 'eu1', 'eu2', 'us1' ) ) );

		$this->assertSame( array( 'eu1:breaker_open', 'eu2:ok' ), self::classes( $result ), 'eu2 is up, so the region is.' );
	}

	public function test_a_region_with_a_single_route_is_that_route_s_breaker(): void {
		$this->open( array( 'eu1' ) );
		$result = $this->execute( $this->policy( array( 'eu1', 'us1' ) ) );

		$this->assertSame( array( 'eu1:breaker_open', 'us1:ok' ), self::classes( $result ) );
	}

	public function test_a_region_recovers_when_the_cool_down_lets_a_probe_through(): void {
		$this->open( array( 'eu1', 'eu2' ) );
		$this->clock->advance( 29999 );
		$this->assertSame( array( 'eu1:region_outage', 'eu2:region_outage', 'us1:ok' ), self::classes( $this->execute( $this->policy( array( 'eu1', 'eu2', 'us1' ) ) ) ), 'Still within the 30 s cool-down.' );

		$this->clock->advance( 1000 );
		$result = $this->execute( $this->policy( array( 'eu1', 'eu2', 'us1' ) ) );
		$this->assertSame( array( 'eu1:ok' ), self::classes( $result ), 'Half-open: the probe goes to eu1, which answers.' );
		$this->assertSame( Circuit_Breaker::CLOSED, ( new Circuit_Breaker( $this->store, $this->clock, $this->sink ) )->state( 'route:eu1/m' ) );
	}

	public function test_the_last_region_down_stops_the_run_and_says_so(): void {
		$this->open( array( 'eu1', 'eu2' ) );
		$result = $this->execute( $this->policy( array( 'us1', 'eu1', 'eu2' ) ), array( 'us1/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );

		$this->assertSame( array( 'us1/m' ), $this->caller->routes() );
		$this->assertSame( array( 'us1:server', 'eu1:region_outage', 'eu2:region_outage' ), self::classes( $result ) );
		$this->assertSame( 'region_outage', $result->error['class'] ?? '' );
		$this->assertStringEndsWith( 'so the region is skipped as a whole; no route in another region, so the run stops.', $result->attempts[1]->reason );
	}

	public function test_a_healthy_run_reads_no_more_state_than_without_regions(): void {
		$plain = $this->policy( array( 'eu1', 'eu2', 'us1' ) );
		$this->execute( $plain );
		$without = $this->store->calls;

		$this->store->calls = 0;
		$this->execute( $this->policy( array( 'eu1', 'eu2', 'us1' ), array( 'prefer' => array( 'eu' ) ) ) );
		$this->assertSame( $without, $this->store->calls, 'The outage check only reads when a route\'s breaker is already open.' );
	}

	public function test_the_rule_reads_the_feature(): void {
		$this->assertNull( Region_Rule::from_array( null ) );
		$this->assertNull(
			Region_Rule::from_array(
				array(
					'require' => array(),
					'prefer'  => array(),
				)
			)
		);
		$rule = Region_Rule::from_array(
			array(
				'require' => array( 'eu', 'eu', '' ),
				'prefer'  => array(
					'local',
					'eu',
				),
			)
		);
		$this->assertSame( array( 'eu' ), $rule?->require );
		$this->assertTrue( $rule?->allows( 'eu' ) );
		$this->assertFalse( $rule?->allows( '' ) );
		$this->assertSame( array( 0, 1, 2, 2 ), array( $rule?->rank( 'local' ), $rule?->rank( 'eu' ), $rule?->rank( 'us' ), $rule?->rank( '' ) ) );
		$this->assertTrue( ( new Region_Rule( array(), array( 'eu' ) ) )->allows( 'us' ), 'Preferring is not requiring.' );
	}
}
