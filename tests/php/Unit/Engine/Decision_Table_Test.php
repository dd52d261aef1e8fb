<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Decision_Table;
use AI_Failover\Engine\Engine_Class;
use AI_Failover\Engine\Fallback_Rule;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Key_Step;
use AI_Failover\Engine\Same_Route;
use AI_Failover\Providers\Error_Class;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The decision table, row by row, and the places that read it.
 *
 * @covers \AI_Failover\Engine\Decision_Table
 * @covers \AI_Failover\Engine\Rule
 * @covers \AI_Failover\Engine\Feature_Policy
 * @covers \AI_Failover\Providers\Error_Class
 */
final class Decision_Table_Test extends TestCase {

	/**
	 * @dataProvider rows
	 */
	public function test_each_row( Error_Class|Engine_Class $class, Same_Route $same_route, Key_Step $key, Fallback_Rule $fallback, bool $default_trigger, bool $breaker ): void {
		$rule = Decision_Table::rule( $class );

		$this->assertSame( $same_route, $rule->same_route, 'retry the same route' );
		$this->assertSame( $key, $rule->key, 'key step' );
		$this->assertSame( $fallback, $rule->fallback, 'fall back' );
		$this->assertSame( $default_trigger, $rule->default_trigger, 'default trigger' );
		$this->assertSame( $breaker, $rule->breaker, 'counts against the breaker' );
	}

	/**
	 * Every class of both enums, with what it must lead to.
	 *
	 * @return array<string, array{Error_Class|Engine_Class, Same_Route, Key_Step, Fallback_Rule, bool, bool}>
	 */
	public function rows(): array {
		$never  = Same_Route::Never;
		$retry  = Same_Route::Retry;
		$unless = Same_Route::Unless_Fallback;
		$none   = Key_Step::None;
		$no     = Fallback_Rule::Never;
		$if     = Fallback_Rule::If_Allowed;
		$always = Fallback_Rule::Always;
		return array(
			'invalid_request'        => array( Error_Class::Invalid_Request, $never, $none, $no, false, false ),
			'auth'                   => array( Error_Class::Auth, $never, Key_Step::Reject, $no, false, false ),
			'payment'                => array( Error_Class::Payment, $never, Key_Step::Reject, $no, false, false ),
			'forbidden'              => array( Error_Class::Forbidden, $never, Key_Step::Reject, $no, false, false ),
			'rate_limited'           => array( Error_Class::Rate_Limited, $unless, Key_Step::Rest, $if, false, false ),
			'server'                 => array( Error_Class::Server, $retry, $none, $if, true, true ),
			'timeout'                => array( Error_Class::Timeout, $unless, $none, $if, true, true ),
			'unreachable'            => array( Error_Class::Unreachable, $retry, $none, $if, true, true ),
			'empty_response'         => array( Error_Class::Empty_Response, $retry, $none, $if, true, true ),
			'invalid_response'       => array( Error_Class::Invalid_Response, $retry, $none, $if, true, true ),
			'unsupported_capability' => array( Error_Class::Unsupported_Capability, $never, $none, $no, false, false ),
			'content_policy'         => array( Error_Class::Content_Policy, $never, $none, $if, false, false ),
			'context_length'         => array( Error_Class::Context_Length, $never, $none, $if, false, false ),
			'validation_failed'      => array( Engine_Class::Validation_Failed, $never, $none, $if, false, false ),
			'breaker_open'           => array( Engine_Class::Breaker_Open, $never, $none, $always, false, false ),
			'provider_disabled'      => array( Engine_Class::Provider_Disabled, $never, $none, $always, false, false ),
			'capability_missing'     => array( Engine_Class::Capability_Missing, $never, $none, $always, false, false ),
			'over_cost_ceiling'      => array( Engine_Class::Over_Cost_Ceiling, $never, $none, $always, false, false ),
			'over_spend_budget'      => array( Engine_Class::Over_Spend_Budget, $never, $none, $always, false, false ),
			'privacy_ineligible'     => array( Engine_Class::Privacy_Ineligible, $never, $none, $always, false, false ),
			'region_excluded'        => array( Engine_Class::Region_Excluded, $never, $none, $always, false, false ),
			'region_outage'          => array( Engine_Class::Region_Outage, $never, $none, $always, false, false ),
			'latency_demoted'        => array( Engine_Class::Latency_Demoted, $never, $none, $always, false, false ),
			'slow_stream'            => array( Engine_Class::Slow_Stream, $never, $none, $if, false, false ),
			'keys_exhausted'         => array( Engine_Class::Keys_Exhausted, $never, $none, $no, false, false ),
			'budget_exhausted'       => array( Engine_Class::Budget_Exhausted, $never, $none, $no, false, false ),
			'attempts_exhausted'     => array( Engine_Class::Attempts_Exhausted, $never, $none, $no, false, false ),
			'loop_guard'             => array( Engine_Class::Loop_Guard, $never, $none, $no, false, false ),
			'incomplete'             => array( Engine_Class::Incomplete, $never, $none, $no, false, false ),
			'deferred'               => array( Engine_Class::Deferred, $never, $none, $no, false, false ),
			'no_route'               => array( Engine_Class::No_Route, $never, $none, $no, false, false ),
			'unknown_feature'        => array( Engine_Class::Unknown_Feature, $never, $none, $no, false, false ),
			'access_denied'          => array( Engine_Class::Access_Denied, $never, $none, $no, false, false ),
		);
	}

	public function test_the_table_has_exactly_one_row_per_class(): void {
		$classes = array_merge( array_map( static fn( $c ) => $c->value, Error_Class::cases() ), array_map( static fn( $c ) => $c->value, Engine_Class::cases() ) );
		sort( $classes );
		$rows = array_keys( Decision_Table::rows() );
		sort( $rows );

		$this->assertSame( $classes, $rows );
		$this->assertCount( count( $classes ), $this->rows(), 'This test lists every row.' );
	}

	public function test_the_taxonomy_helpers_read_the_table(): void {
		foreach ( Error_Class::cases() as $class ) {
			$this->assertSame( Key_Step::Reject === Decision_Table::rule( $class )->key, $class->is_key_problem(), $class->value );
			$this->assertSame( Same_Route::Never !== Decision_Table::rule( $class )->same_route, $class->is_transient(), $class->value );
		}
	}

	public function test_the_policy_cannot_switch_on_a_class_the_table_never_lets_fall_back(): void {
		$triggers = array();
		foreach ( Decision_Table::trigger_classes() as $class ) {
			$triggers[ $class->value ] = true;
		}
		$policy = Feature_Policy::from_array( array( 'triggers' => $triggers ) );

		foreach ( Decision_Table::trigger_classes() as $class ) {
			$this->assertSame( Fallback_Rule::If_Allowed === Decision_Table::rule( $class )->fallback, $policy->may_fall_back( $class ), $class->value );
		}
		$this->assertTrue( $policy->may_fall_back( Engine_Class::Breaker_Open ), 'An open breaker always moves on.' );
		$this->assertFalse( $policy->may_fall_back( Engine_Class::Keys_Exhausted ) );
		$this->assertFalse( $policy->may_fall_back( 'not_a_class' ) );
	}

	public function test_a_feature_without_a_trigger_gets_the_table_default(): void {
		$policy = Feature_Policy::from_array( array() );

		$this->assertTrue( $policy->may_fall_back( Error_Class::Server ) );
		$this->assertFalse( $policy->may_fall_back( Error_Class::Rate_Limited ) );
		$this->assertFalse( $policy->may_fall_back( Engine_Class::Validation_Failed ) );
		$this->assertFalse( $policy->may_fall_back( Engine_Class::Slow_Stream ), 'A slow stream moves on only when the feature says so.' );
	}
}
