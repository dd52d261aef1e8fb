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
use AI_Failover\Engine\Privacy_Rule;
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
 * Privacy eligibility with scripted providers: a private feature's content only ever reaches the
 * providers that declare what it requires, whatever fails, under every strategy and in drills,
 * and each route left out is a skipped attempt naming the rule.
 *
 * Providers: "vault" declares no retention and no training, "norecall" only no retention,
 * "open" nothing, "ollama" is a local preset (declares everything), "lan" a custom server
 * declared local.
 *
 * @covers \AI_Failover\Engine\Privacy_Rule
 * @covers \AI_Failover\Engine\Route_Planner
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Explainer
 * @covers \AI_Failover\Providers\Provider_Config
 */
final class Privacy_Rule_Test extends TestCase {

	private Fake_Clock $clock;
	private Scripted_Caller $caller;
	private Memory_Event_Sink $sink;

	/** @var array<string, Provider_Config> */
	private array $providers;

	protected function set_up(): void {
		parent::set_up();
		$this->clock     = new Fake_Clock();
		$this->sink      = new Memory_Event_Sink();
		$handling        = static fn( bool $retention, bool $training, bool $local = false ): array => array(
			'local'        => $local,
			'no_retention' => $retention,
			'no_training'  => $training,
		);
		$this->providers = array(
			'vault'    => new Provider_Config( 'vault', 'Vault AI', 'openai', '', false, true, 'eu', $handling( true, true ) ),
			'norecall' => new Provider_Config( 'norecall', 'NoRecall', 'openai', '', false, true, 'us', $handling( true, false ) ),
			'open'     => new Provider_Config( 'open', 'OpenCollect', 'openai', '', false, true, 'us', $handling( false, false ) ),
			'ollama'   => Provider_Config::from_array(
				array(
					'id'     => 'ollama',
					'label'  => 'Ollama',
					'preset' => 'ollama',
				)
			),
			'lan'      => new Provider_Config( 'lan', 'LAN server', 'custom', 'http://10.0.0.5/v1', true, true, 'local', $handling( false, false, true ) ),
		);
	}

	/**
	 * @param list<string>         $routes  Provider ids, primary first (model "m").
	 * @param array<string, mixed> $privacy The feature's routing.privacy.
	 * @param array<string, mixed> $extra   Other feature fields.
	 */
	private function policy( array $routes, array $privacy = array( 'private' => true ), array $extra = array() ): Feature_Policy {
		$spec = static fn( string $id ): array => array(
			'provider_id' => $id,
			'model'       => 'm',
		);
		return Feature_Policy::from_array(
			$extra + array(
				'id'        => 'notes',
				'primary'   => $spec( $routes[0] ),
				'fallbacks' => array_map( $spec, array_slice( $routes, 1 ) ),
				'retry'     => array( 'attempts_per_route' => 2 ),
				'routing'   => array( 'privacy' => $privacy ),
			)
		);
	}

	/**
	 * @param array<string, list<mixed>> $script   Outcomes per route.
	 * @param array<string, string>      $simulate Drill.
	 */
	private function execute( Feature_Policy $policy, array $script = array(), array $simulate = array() ): Run_Result {
		$routes = array();
		foreach ( array_merge( array( $policy->primary ), $policy->fallbacks ) as $index => $spec ) {
			$routes[] = new Route( $this->providers[ $spec['provider_id'] ], 'm', 1, 0 === $index ? 'primary' : 'fallback ' . $index );
		}
		$this->caller = new Scripted_Caller( $script, $this->clock );
		$breakers     = new Circuit_Breaker( new Memory_State_Store(), $this->clock, $this->sink );
		$keys         = new Memory_Key_Pool( array_fill_keys( array_keys( $this->providers ), array( 'k' ) ) );
		$runner       = new Chain_Runner( $this->caller, $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $this->sink, new Output_Checks() );
		$message      = array(
			'role'    => 'user',
			'content' => 'My diagnosis is...',
		);
		return $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100 ), false, $simulate ) );
	}

	public function test_a_feature_that_is_not_private_uses_every_route(): void {
		$policy = $this->policy( array( 'open', 'vault' ), array( 'private' => false ) );

		$this->assertNull( $policy->privacy );
		$result = $this->execute( $policy, array( 'open/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );
		$this->assertSame( array( 'open/m', 'open/m', 'vault/m' ), $this->caller->routes() );
		$this->assertSame( Run_Result::SUCCESS, $result->status );
	}

	public function test_a_private_feature_skips_an_ineligible_primary_and_says_which_rule_excluded_it(): void {
		$result = $this->execute( $this->policy( array( 'open', 'norecall', 'vault' ) ) );

		$this->assertSame( array( 'vault/m' ), $this->caller->routes(), 'Only the provider declaring both flags is ever called.' );
		$this->assertSame( Run_Result::SUCCESS, $result->status );
		$this->assertSame( array( 'vault/m' ), $result->route_order, 'The excluded routes are not in the plan.' );
		list( $open, $norecall ) = $result->attempts;
		$this->assertSame( Engine_Class::Privacy_Ineligible, $open->error_class );
		$this->assertSame( Decision::Skip, $open->decision );
		$this->assertSame( 'open', $open->provider_id );
		$this->assertSame( 'Skipped: this feature is private, and the provider OpenCollect does not declare no retention, no training or data collection, so the request is never sent to it.', $open->reason );
		$this->assertSame( Engine_Class::Privacy_Ineligible, $norecall->error_class );
		$this->assertStringContainsString( 'NoRecall does not declare no training or data collection,', $norecall->reason, 'Only the flag it lacks is named.' );
	}

	public function test_a_private_feature_whose_only_eligible_route_fails_fails_and_never_uses_the_ineligible_fallback(): void {
		$policy = $this->policy( array( 'vault', 'open' ) );
		$result = $this->execute( $policy, array( 'vault/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );

		$this->assertSame( array( 'vault/m', 'vault/m' ), $this->caller->routes(), 'Retried on the eligible route, then nowhere else.' );
		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'server', $result->error['class'] ?? '' );
		$this->assertSame( Engine_Class::Privacy_Ineligible, $result->attempts[0]->error_class, 'The run records the exclusion first.' );
		$this->assertSame( Decision::Stop, $result->attempts[2]->decision, 'No fallback is left once the ineligible one is out.' );
	}

	public function test_no_failure_class_can_reach_an_ineligible_route(): void {
		foreach ( array( Error_Class::Server, Error_Class::Timeout, Error_Class::Rate_Limited, Error_Class::Unreachable, Error_Class::Context_Length ) as $class ) {
			$policy = $this->policy(
				array( 'vault', 'open', 'norecall' ),
				array( 'private' => true ),
				array(
					'triggers' => array(
						'rate_limited'   => true,
						'context_length' => true,
					),
				)
			);
			$this->execute( $policy, array( 'vault/m' => array( Scripted_Caller::error( $class, 500 ) ) ) );
			$this->assertSame( array(), array_diff( $this->caller->routes(), array( 'vault/m' ) ), $class->value );
		}
	}

	public function test_every_strategy_and_cost_preference_still_leaves_an_ineligible_route_out(): void {
		foreach ( array( 'manual', 'balanced', 'capability', 'adaptive' ) as $strategy ) {
			$policy = $this->policy(
				array( 'vault', 'open' ),
				array( 'private' => true ),
				array(
					'strategy'          => $strategy,
					'prefer_local'      => true,
					'prefer_lower_cost' => true,
				)
			);
			$result = $this->execute( $policy, array( 'vault/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );
			$this->assertNotContains( 'open/m', $this->caller->routes(), $strategy );
			$this->assertSame( array( 'vault/m' ), $result->route_order, $strategy );
		}
	}

	public function test_a_drill_of_a_private_feature_never_calls_an_ineligible_route_for_real(): void {
		$result = $this->execute( $this->policy( array( 'vault', 'open' ) ), array(), array( 'vault/m' => 'server' ) );

		$this->assertSame( array(), $this->caller->routes(), 'The drilled route is the Simulator; the ineligible fallback is never called.' );
		$this->assertTrue( $result->simulated );
		$this->assertSame( Engine_Class::Privacy_Ineligible, $result->attempts[0]->error_class );
		$this->assertSame( Run_Result::FAILED, $result->status );
	}

	public function test_local_providers_declare_every_flag(): void {
		$only_local = $this->policy(
			array( 'vault', 'norecall', 'ollama', 'lan' ),
			array(
				'private'  => true,
				'requires' => array( 'local' ),
			)
		);
		$result     = $this->execute( $only_local, array( 'ollama/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );

		$this->assertSame( array( 'ollama/m', 'ollama/m', 'lan/m' ), $this->caller->routes(), 'A local preset, then a server declared local.' );
		$this->assertStringContainsString( 'Vault AI does not declare runs locally,', $result->attempts[0]->reason );
		$this->assertSame( array( 'ollama/m', 'lan/m' ), $result->route_order );
		foreach ( Provider_Config::DATA_FLAGS as $flag ) {
			$this->assertTrue( $this->providers['ollama']->declares( $flag ), $flag );
			$this->assertTrue( $this->providers['lan']->declares( $flag ), $flag );
			$this->assertFalse( $this->providers['open']->declares( $flag ), $flag );
			$this->assertTrue( ( new Provider_Config( 'sim', 'Simulator', 'simulator' ) )->declares( $flag ), 'A local preset built without flags runs locally: ' . $flag );
			$this->assertFalse( ( new Provider_Config( 'oa', 'OpenAI', 'openai' ) )->declares( $flag ), 'A cloud preset declares nothing by default: ' . $flag );
		}
	}

	public function test_the_rule_reads_the_feature_and_never_gets_weaker_than_the_default(): void {
		$this->assertNull( Privacy_Rule::from_array( null ) );
		$this->assertNull( Privacy_Rule::from_array( array( 'requires' => array( 'local' ) ) ), 'Not private without the switch.' );
		$this->assertSame( Privacy_Rule::DEFAULT_REQUIRES, Privacy_Rule::from_array( array( 'private' => true ) )?->requires );
		$this->assertSame(
			Privacy_Rule::DEFAULT_REQUIRES,
			Privacy_Rule::from_array(
				array(
					'private'  => true,
					'requires' => array(),
				)
			)?->requires,
			'An empty list is the default, not "anything goes".'
		);
		$this->assertSame(
			array( 'no_training' ),
			Privacy_Rule::from_array(
				array(
					'private'  => true,
					'requires' => array(
						'no_training',
						'bogus',
					),
				)
			)?->requires,
			'Unknown flags are dropped.'
		);
		$this->assertSame( array( 'no_training' ), ( new Privacy_Rule( array( 'no_retention', 'no_training' ) ) )->missing( $this->providers['norecall'] ) );
	}

	public function test_a_private_feature_with_no_eligible_route_stops_before_any_request(): void {
		$result = $this->execute( $this->policy( array( 'open', 'norecall' ) ) );

		$this->assertSame( array(), $this->caller->routes() );
		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'no_route', $result->error['class'] ?? '' );
		$this->assertCount( 2, $result->attempts );
	}
}
