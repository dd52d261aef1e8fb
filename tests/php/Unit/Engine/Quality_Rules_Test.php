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
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Fixed_Random;
use AI_Failover\Tests\Unit\Doubles\Memory_Event_Sink;
use AI_Failover\Tests\Unit\Doubles\Memory_Key_Pool;
use AI_Failover\Tests\Unit\Doubles\Memory_State_Store;
use AI_Failover\Tests\Unit\Doubles\Scripted_Caller;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Quality rules stored on the feature: checked on every answer before the request's own checks,
 * a failure is validation_failed, and the feature's trigger decides whether it escalates.
 *
 * @covers \AI_Failover\Engine\Feature_Policy
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Output_Checks
 */
final class Quality_Rules_Test extends TestCase {

	private Scripted_Caller $caller;

	/**
	 * @param array<string, mixed> $quality  routing.quality.
	 * @param bool                 $escalate The validation_failed trigger.
	 */
	private function policy( array $quality, bool $escalate = true ): Feature_Policy {
		return Feature_Policy::from_array(
			array(
				'id'        => 'summary',
				'primary'   => array(
					'provider_id' => 'fast',
					'model'       => 'm',
				),
				'fallbacks' => array(
					array(
						'provider_id' => 'strong',
						'model'       => 'm',
					),
				),
				'triggers'  => array( 'validation_failed' => $escalate ),
				'routing'   => array( 'quality' => $quality ),
			)
		);
	}

	/**
	 * @param array<string, mixed> $validate The request's own checks.
	 */
	private function execute( Feature_Policy $policy, array $validate = array() ): Run_Result {
		$clock        = new Fake_Clock();
		$sink         = new Memory_Event_Sink();
		$this->caller = new Scripted_Caller(
			array(
				'fast/m'   => array( Scripted_Caller::ok( 'Too short.' ) ),
				'strong/m' => array( Scripted_Caller::ok( 'A summary long enough to pass every rule: {"ok": true}' ) ),
			),
			$clock
		);
		$routes       = array(
			new Route( new Provider_Config( 'fast', 'Fast', 'openai' ), 'm', 1, 'primary', array(), 1000.0, 1000.0, true ),
			new Route( new Provider_Config( 'strong', 'Strong', 'anthropic' ), 'm', 1, 'fallback 1' ),
		);
		$runner       = new Chain_Runner(
			$this->caller,
			new Memory_Key_Pool(
				array(
					'fast'   => array( 'k' ),
					'strong' => array( 'k' ),
				)
			),
			$clock,
			$clock,
			new Fixed_Random( array( 0.5 ) ),
			new Circuit_Breaker( new Memory_State_Store(), $clock, $sink ),
			$sink,
			new Output_Checks()
		);
		$message      = array(
			'role'    => 'user',
			'content' => 'Summarise',
		);
		return $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100 ), false, array(), $validate ) );
	}

	public function test_an_answer_failing_the_feature_s_rules_escalates_to_the_next_route(): void {
		$result = $this->execute( $this->policy( array( 'min_length' => 20 ) ) );

		$this->assertSame( array( 'fast/m', 'strong/m' ), $this->caller->routes() );
		$this->assertSame( Run_Result::SUCCESS, $result->status );
		$this->assertSame( Engine_Class::Validation_Failed, $result->attempts[0]->error_class );
		$this->assertSame( Decision::Fallback, $result->attempts[0]->decision );
		$this->assertStringContainsString( 'shorter than 20 characters (10)', (string) $result->attempts[0]->message );
		$this->assertGreaterThan( 0.0, $result->attempts[0]->cost, 'The rejected answer was paid for, and counts.' );
		$this->assertTrue( $result->degraded );
	}

	public function test_without_the_trigger_a_failed_answer_stops_the_run(): void {
		$result = $this->execute( $this->policy( array( 'min_length' => 20 ), false ) );

		$this->assertSame( array( 'fast/m' ), $this->caller->routes(), 'One call: a rejected answer is never retried on its route.' );
		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'validation_failed', $result->error['class'] ?? '' );
	}

	public function test_the_request_s_own_checks_still_apply_on_top_of_the_feature_s(): void {
		$result = $this->execute( $this->policy( array( 'non_empty' => true ) ), array( 'regex' => '"ok": true' ) );

		$this->assertSame( array( 'fast/m', 'strong/m' ), $this->caller->routes(), 'The feature\'s rule passed, the request\'s pattern did not.' );
		$this->assertStringContainsString( 'does not match the required pattern', (string) $result->attempts[0]->message );
	}

	public function test_each_stored_rule_is_checked(): void {
		foreach (
			array(
				// Neither answer is JSON: the escalation runs out of routes, and the run fails.
				array( array( 'json' => true ), 'not valid JSON', Run_Result::FAILED ),
				array( array( 'regex' => '^A summary' ), 'does not match the required pattern', Run_Result::SUCCESS ),
			) as list( $quality, $message, $status )
		) {
			$result = $this->execute( $this->policy( $quality ) );
			$this->assertStringContainsString( $message, (string) $result->attempts[0]->message );
			$this->assertSame( $status, $result->status, $message );
			$this->assertSame( array( 'fast/m', 'strong/m' ), $this->caller->routes(), $message );
		}
	}

	public function test_only_the_rules_switched_on_become_checks(): void {
		$this->assertSame( array(), Feature_Policy::quality( null ) );
		$this->assertSame(
			array(),
			Feature_Policy::quality(
				array(
					'non_empty'  => false,
					'min_length' => 0,
					'regex'      => '',
					'json'       => false,
				)
			)
		);
		$this->assertSame(
			array(
				'non_empty'  => true,
				'min_length' => 5,
				'regex'      => 'x',
				'json'       => true,
			),
			Feature_Policy::quality(
				array(
					'non_empty'  => true,
					'min_length' => 5,
					'regex'      => 'x',
					'json'       => true,
				)
			)
		);
		$this->assertSame( array(), $this->policy( array() )->quality, 'A feature without rules checks nothing more than before.' );
	}
}
