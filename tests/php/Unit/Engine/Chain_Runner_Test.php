<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Engine_Class;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Outcome;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Route_Health;
use AI_Failover\Engine\Route_Planner;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
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
 * The engine's promises, one test each, with a fake clock, scripted providers and in-memory state.
 *
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Feature_Policy
 * @covers \AI_Failover\Engine\Backoff
 * @covers \AI_Failover\Engine\Run_Result
 * @covers \AI_Failover\Engine\Attempt
 */
final class Chain_Runner_Test extends TestCase {

	private Fake_Clock $clock;
	private Memory_Event_Sink $sink;
	private Memory_State_Store $store;
	private Memory_Key_Pool $keys;
	private Scripted_Caller $caller;

	/** @var array<string, Provider_Config> */
	private array $providers;

	protected function set_up(): void {
		parent::set_up();
		$this->clock     = new Fake_Clock();
		$this->sink      = new Memory_Event_Sink();
		$this->store     = new Memory_State_Store();
		$this->keys      = new Memory_Key_Pool(
			array(
				'openai' => array( 'prod-1', 'prod-2', 'prod-3' ),
				'claude' => array( 'c-1' ),
				'gemini' => array( 'g-1' ),
			)
		);
		$this->providers = array(
			'openai' => new Provider_Config( 'openai', 'OpenAI', 'openai' ),
			'claude' => new Provider_Config( 'claude', 'Anthropic', 'anthropic' ),
			'gemini' => new Provider_Config( 'gemini', 'Gemini', 'gemini' ),
			'ollama' => new Provider_Config( 'ollama', 'Ollama', 'ollama' ),
		);
	}

	/**
	 * @param array<string, mixed> $overrides Feature fields.
	 */
	private function policy( array $overrides = array() ): Feature_Policy {
		return Feature_Policy::from_array(
			array_replace_recursive(
				array(
					'id'              => 'summary',
					'label'           => 'Summary',
					'primary'         => array(
						'provider_id' => 'openai',
						'model'       => 'gpt-4o-mini',
					),
					'fallbacks'       => array(),
					'triggers'        => array(
						'rate_limited'     => false,
						'server'           => true,
						'timeout'          => true,
						'unreachable'      => true,
						'empty_response'   => true,
						'invalid_response' => true,
					),
					'retry'           => array(
						'attempts_per_route' => 3,
						'base_delay_ms'      => 500,
						'max_delay_ms'       => 4000,
						'total_budget_ms'    => 30000,
					),
					'timeouts'        => array(
						'connect_ms'    => 2000,
						'first_byte_ms' => 5000,
						'total_ms'      => 10000,
					),
					'degraded_notice' => 'Backup model.',
				),
				$overrides
			)
		);
	}

	/**
	 * @param array<string, list<mixed>> $script  Outcomes per route.
	 * @param Feature_Policy             $policy  Policy.
	 * @param array<string, mixed>       $request Run_Request options.
	 */
	private function execute( array $script, Feature_Policy $policy, array $request = array(), ?array $routes = null ): Run_Result {
		$this->caller = new Scripted_Caller( $script, $this->clock );
		$breakers     = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		$runner       = new Chain_Runner( $this->caller, $this->keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $this->sink, new Output_Checks() );
		$routes     ??= $this->routes( $policy );
		return $runner->run(
			$policy,
			$routes,
			new Run_Request(
				new Chat_Request(
					array(
						array(
							'role'    => 'user',
							'content' => 'Summarise this.',
						),
					),
					100,
					null,
					(bool) ( $request['stream'] ?? false )
				),
				(bool) ( $request['background'] ?? false ),
				$request['simulate'] ?? array(),
				$request['validate'] ?? array()
			)
		);
	}

	/**
	 * @return list<Route>
	 */
	private function routes( Feature_Policy $policy ): array {
		$routes = array();
		foreach ( array_merge( array( $policy->primary ), $policy->fallbacks ) as $index => $r ) {
			$routes[] = new Route( $this->providers[ $r['provider_id'] ], $r['model'], $r['weight'], 0 === $index ? 'primary' : 'fallback ' . $index, array( 'vision', 'tools' ), 1.0, 2.0, true );
		}
		return $routes;
	}

	private static function last( Run_Result $result ): Attempt {
		return $result->attempts[ count( $result->attempts ) - 1 ];
	}

	private function fallback( string $provider, string $model ): array {
		return array(
			'fallbacks' => array(
				array(
					'provider_id' => $provider,
					'model'       => $model,
				),
			),
		);
	}

	public function test_a_refused_run_calls_no_provider_and_logs_one_skipped_attempt_that_says_why(): void {
		$this->caller = new Scripted_Caller( array(), $this->clock );
		$breakers     = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		$runner       = new Chain_Runner( $this->caller, $this->keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $this->sink, new Output_Checks() );
		$policy       = $this->policy( $this->fallback( 'claude', 'claude-haiku' ) );

		$result = $runner->refuse( $policy, $this->routes( $policy ), new Run_Request( new Chat_Request( array( array( 'role' => 'user', 'content' => 'Hi' ) ) ) ), Engine_Class::Access_Denied, 'Only these roles may run this feature: editor.' ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- short fixture.

		$this->assertSame( array(), $this->caller->calls, 'No provider was called.' );
		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'access_denied', $result->error['class'] );
		$this->assertSame( 'Only these roles may run this feature: editor.', $result->error['message'] );
		$this->assertCount( 1, $result->attempts );
		$this->assertSame( Outcome::Skipped, $result->attempts[0]->outcome );
		$this->assertSame( 'openai/gpt-4o-mini', $result->attempts[0]->route_id );
		$this->assertCount( 1, $this->sink->of( 'run' ), 'The refusal is logged as a run.' );
		$this->assertCount( 1, $this->sink->of( 'attempt' ) );
	}

	/**
	 * @param Feature_Policy    $policy Policy.
	 * @param list<string>|null $roles  The caller's roles.
	 */
	private function execute_as( Feature_Policy $policy, ?array $roles ): Run_Result {
		$this->caller = new Scripted_Caller( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), $this->clock );
		$breakers     = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		$runner       = new Chain_Runner( $this->caller, $this->keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $this->sink, new Output_Checks() );
		return $runner->run( $policy, $this->routes( $policy ), new Run_Request( new Chat_Request( array( array( 'role' => 'user', 'content' => 'Hi' ) ) ), false, array(), array(), 'php', null, '', '', $roles ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- short fixture.
	}

	public function test_a_caller_without_a_fallback_role_fails_on_the_first_route_and_is_told_why(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'claude-haiku' ) + array( 'tier' => array( 'fallback_roles' => array( 'premium' ) ) ) );

		$result = $this->execute_as( $policy, array( 'subscriber' ) );

		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertNotContains( 'claude/claude-haiku', $this->caller->routes(), 'The fallback was never called.' );
		$this->assertSame( array( 'openai/gpt-4o-mini' ), $result->route_order );
		$this->assertStringContainsString( 'reserved for these roles: premium', $result->error['message'] );
		$this->assertStringContainsString( 'reserved for these roles: premium', $result->attempts[0]->reason );
		$this->assertFalse( $result->degraded );
	}

	public function test_a_caller_with_a_fallback_role_falls_back_and_a_required_notice_is_flagged(): void {
		$policy = $this->policy(
			$this->fallback( 'claude', 'claude-haiku' ) + array(
				'tier'            => array(
					'fallback_roles'  => array( 'premium' ),
					'notice_required' => true,
				),
				'degraded_notice' => '',
			)
		);

		$result = $this->execute_as( $policy, array( 'subscriber', 'premium' ) );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( 'claude', $result->served_by['provider_id'] ?? null );
		$this->assertTrue( $result->to_array()['notice_required'] );
		$this->assertNotSame( '', $result->to_array()['degraded_notice'], 'A required notice is never empty, even when a filter emptied it.' );
		$this->assertTrue( $this->execute_as( $policy, null )->succeeded(), 'The engine used directly (no caller roles) is not restricted.' );
	}

	public function test_a_notice_is_not_required_of_an_answer_that_was_not_degraded(): void {
		$policy = $this->policy( array( 'tier' => array( 'notice_required' => true ) ) );

		$result = $this->execute( array(), $policy );

		$this->assertFalse( $result->to_array()['notice_required'] );
		$this->assertSame( '', $result->to_array()['degraded_notice'] );
	}

	// Rule 1: no silent failover.

	public function test_without_fallbacks_a_failure_fails_after_its_retries_and_nothing_else_is_tried(): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), $this->policy() );

		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( array( 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini' ), $this->caller->routes() );
		$this->assertSame( 'server', $result->error['class'] );
		$this->assertNull( $result->served_by );
		$this->assertFalse( $result->degraded );
		$this->assertStringContainsString( 'no further route', self::last( $result )->reason );
	}

	public function test_a_success_says_who_served_and_is_not_degraded(): void {
		$result = $this->execute( array(), $this->policy() );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame(
			array(
				'provider_id' => 'openai',
				'provider'    => 'OpenAI',
				'model'       => 'gpt-4o-mini',
				'key_label'   => 'prod-1',
			),
			$result->served_by
		);
		$this->assertFalse( $result->degraded );
		$this->assertSame( '', $result->to_array()['degraded_notice'] );
		$this->assertSame( 'secret-prod-1', $this->caller->calls[0]['key'] );
		$this->assertEqualsWithDelta( ( 10 * 1.0 + 5 * 2.0 ) / 1000000, $result->cost, 1e-12 );
	}

	// Rule 2: the decision table.

	/**
	 * @dataProvider never_retried
	 */
	public function test_errors_retrying_cannot_fix_are_tried_once_and_never_fall_back( Error_Class $class, int $status ): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( $class, $status ) ) ), $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) ) );

		$this->assertSame( array( 'openai/gpt-4o-mini' ), $this->caller->routes(), 'One attempt, no fallback.' );
		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'stop', $result->attempts[0]->decision?->value );
	}

	/**
	 * @return array<string, array{Error_Class, int}>
	 */
	public function never_retried(): array {
		return array(
			'400 invalid request'    => array( Error_Class::Invalid_Request, 400 ),
			'404 invalid request'    => array( Error_Class::Invalid_Request, 404 ),
			'422 invalid request'    => array( Error_Class::Invalid_Request, 422 ),
			'unsupported capability' => array( Error_Class::Unsupported_Capability, 400 ),
			'context length'         => array( Error_Class::Context_Length, 400 ),
			'content policy'         => array( Error_Class::Content_Policy, 400 ),
		);
	}

	public function test_a_400_says_to_fix_the_request(): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Invalid_Request, 400 ) ) ), $this->policy() );
		$this->assertStringContainsString( '400 invalid_request', $result->attempts[0]->reason );
		$this->assertStringContainsString( 'not retried; fix the request', $result->attempts[0]->reason );
	}

	public function test_context_length_falls_back_only_when_the_feature_says_so(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) + array( 'triggers' => array( 'context_length' => true ) ) );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Context_Length, 400 ) ) ), $policy );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ), $this->caller->routes() );
		$this->assertTrue( $result->succeeded() );
		$this->assertTrue( $result->degraded );
	}

	/**
	 * @dataProvider key_problems
	 */
	public function test_a_rejected_key_is_marked_dead_and_the_next_key_of_the_same_provider_is_tried_at_once( Error_Class $class, int $status ): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( $class, $status ), Scripted_Caller::ok() ) ), $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) ) );

		$this->assertSame( array( 'secret-prod-1', 'secret-prod-2' ), array_column( $this->caller->calls, 'key' ) );
		$this->assertSame( array(), $this->clock->sleeps, 'No backoff for a rejected key.' );
		$this->assertNotNull( $this->keys->state['openai:prod-1']['dead'] );
		$this->assertSame( 'rotate_key', $result->attempts[0]->decision?->value );
		$this->assertSame( 'prod-2', $result->served_by['key_label'] );
		$this->assertTrue( $result->degraded, 'A key rotation is a degraded answer.' );
		$this->assertSame( 'Backup model.', $result->to_array()['degraded_notice'] );
	}

	/**
	 * @return array<string, array{Error_Class, int}>
	 */
	public function key_problems(): array {
		return array(
			'401 auth'      => array( Error_Class::Auth, 401 ),
			'402 payment'   => array( Error_Class::Payment, 402 ),
			'403 forbidden' => array( Error_Class::Forbidden, 403 ),
		);
	}

	public function test_when_every_key_is_rejected_the_run_fails_and_never_changes_provider(): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Auth, 401 ) ) ), $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) + array( 'triggers' => array( 'server' => true ) ) ) );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini' ), $this->caller->routes(), 'Three keys, then stop: Anthropic is never called.' );
		$this->assertSame( 'keys_exhausted', $result->error['class'] );
		$this->assertStringContainsString( 'never moves a request to another provider', self::last( $result )->reason );
	}

	public function test_a_provider_without_usable_keys_is_skipped_as_keys_exhausted(): void {
		$this->keys = new Memory_Key_Pool( array() );
		$result     = $this->execute( array(), $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) ) );

		$this->assertSame( array(), $this->caller->routes() );
		$this->assertSame( 'keys_exhausted', $result->error['class'] );
		$this->assertSame( Outcome::Skipped, $result->attempts[0]->outcome );
	}

	public function test_429_rests_the_limited_key_and_tries_a_spare_key_at_once(): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 2.0 ), Scripted_Caller::ok() ) ), $this->policy() );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( array( 'secret-prod-1', 'secret-prod-2' ), array_column( $this->caller->calls, 'key' ) );
		$this->assertSame( array(), $this->clock->sleeps, 'The wait belongs to the limited key: the spare key is used at once.' );
		$this->assertSame( (int) ceil( ( 1700000000000.0 + 100 + 2000 ) / 1000 ), $this->keys->state['openai:prod-1']['until'], 'The limited key rests as long as the provider asked.' );
		$this->assertSame( "429 rate_limited from OpenAI (gpt-4o-mini) key 'prod-1': the key rests for 2.0 s as the provider asked, and key 'prod-2' of the same provider was tried at once.", $result->attempts[0]->reason );
		$this->assertSame( 'rotate_key', $result->attempts[0]->decision?->value );
	}

	public function test_429_with_a_single_key_waits_as_the_provider_asks(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'claude',
					'model'       => 'claude-sonnet-4-5',
				),
			)
		);
		$result = $this->execute( array( 'claude/claude-sonnet-4-5' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 2.0 ), Scripted_Caller::ok() ) ), $policy );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( array( 2000 ), $this->clock->sleeps, 'Retry-After honoured exactly.' );
		$this->assertStringContainsString( 'waited 2.0 s as the provider asked', $result->attempts[0]->reason );
	}

	public function test_429_falls_back_only_if_the_feature_allows_it(): void {
		$script = array( 'claude/claude-sonnet-4-5' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 1.0 ) ) );
		$base   = array(
			'primary' => array(
				'provider_id' => 'claude',
				'model'       => 'claude-sonnet-4-5',
			),
		) + $this->fallback( 'gemini', 'gemini-2.0-flash' );

		$denied = $this->execute( $script, $this->policy( $base ) );
		$this->assertNotContains( 'gemini/gemini-2.0-flash', $this->caller->routes() );
		$this->assertSame( 'rate_limited', $denied->error['class'] );
		$this->assertStringContainsString( 'does not allow fallback on rate_limited', self::last( $denied )->reason );

		$resting = $this->execute( $script, $this->policy( $base + array( 'triggers' => array( 'rate_limited' => true ) ) ) );
		$this->assertSame( 'gemini', $resting->served_by['provider_id'], 'The only key is still resting: skipped, fell back.' );
		$this->assertSame( Outcome::Skipped, $resting->attempts[0]->outcome );

		$this->keys->state   = array();
		$this->clock->sleeps = array();
		$allowed             = $this->execute( $script, $this->policy( $base + array( 'triggers' => array( 'rate_limited' => true ) ) ) );
		$this->assertSame( 'gemini/gemini-2.0-flash', $allowed->served_by['provider_id'] . '/' . $allowed->served_by['model'] );
		$this->assertSame( array( 'claude/claude-sonnet-4-5', 'gemini/gemini-2.0-flash' ), $this->caller->routes(), 'The single key rests; the allowed fallback serves at once.' );
		$this->assertSame( array(), $this->clock->sleeps, 'The wait of one key is never spent while a fallback is ready.' );
	}

	/**
	 * @dataProvider retried_before_fallback
	 */
	public function test_a_route_that_is_down_is_retried_with_a_short_backoff_then_falls_back( Error_Class $class ): void {
		$policy = $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) + array( 'retry' => array( 'total_budget_ms' => 60000 ) ) );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( $class, Error_Class::Server === $class ? 503 : 0 ) ) ), $policy );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ), $this->caller->routes() );
		$this->assertSame( array( 12, 12 ), $this->clock->sleeps, 'Full jitter at 0.5 of the 25 ms cap: a fallback is ready, so no 500 ms backoff.' );
		$this->assertTrue( $result->succeeded() );
		$this->assertTrue( $result->degraded );
		$this->assertSame( 'fallback', $result->attempts[2]->decision?->value );
		$this->assertStringContainsString( 'because the feature allows fallback on ' . $class->value, $result->attempts[2]->reason );
		$this->assertSame( array( array( 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ) ), $this->sink->of( 'fallback' ) );
	}

	/**
	 * @return array<string, array{Error_Class}>
	 */
	public function retried_before_fallback(): array {
		return array(
			'server'           => array( Error_Class::Server ),
			'unreachable'      => array( Error_Class::Unreachable ),
			'empty_response'   => array( Error_Class::Empty_Response ),
			'invalid_response' => array( Error_Class::Invalid_Response ),
		);
	}

	public function test_without_a_fallback_a_route_that_is_down_gets_the_full_backoff(): void {
		$policy = $this->policy( array( 'retry' => array( 'total_budget_ms' => 60000 ) ) );
		$this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), $policy );

		$this->assertSame( array( 250, 500 ), $this->clock->sleeps, 'Full jitter at 0.5: half of 500 then half of 1000.' );
	}

	public function test_a_timeout_is_not_retried_on_the_same_route_while_a_fallback_is_ready(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) + array( 'retry' => array( 'total_budget_ms' => 60000 ) ) );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Timeout ) ) ), $policy );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ), $this->caller->routes(), 'One timeout, then the fallback: not two.' );
		$this->assertSame( array(), $this->clock->sleeps );
		$this->assertStringContainsString( 'not retried: a fallback route is ready', $result->attempts[0]->reason );
		$this->assertTrue( $result->succeeded() );
	}

	public function test_a_feature_can_opt_in_to_retrying_timeouts_before_falling_back(): void {
		$policy = $this->policy(
			$this->fallback( 'claude', 'claude-sonnet-4-5' ) + array(
				'retry'          => array(
					'total_budget_ms'    => 60000,
					'attempts_per_route' => 2,
				),
				'retry_timeouts' => true,
			)
		);
		$this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Timeout ) ) ), $policy );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ), $this->caller->routes() );
	}

	public function test_a_timeout_without_a_fallback_is_retried(): void {
		$policy = $this->policy( array( 'retry' => array( 'total_budget_ms' => 60000 ) ) );
		$this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Timeout ) ) ), $policy );

		$this->assertCount( 3, $this->caller->calls );
	}

	public function test_a_long_retry_after_on_a_5xx_is_not_waited_for_while_a_fallback_is_ready(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'claude-sonnet-4-5' ) );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503, 5.0 ) ) ), $policy );

		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/claude-sonnet-4-5' ), $this->caller->routes() );
		$this->assertSame( array(), $this->clock->sleeps );
		$this->assertStringContainsString( 'not waiting 5.0 s: a fallback route is ready', $result->attempts[0]->reason );
	}

	public function test_a_transient_error_stops_when_the_feature_does_not_allow_its_fallback(): void {
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 500 ) ) ), $this->policy( $this->fallback( 'claude', 'x' ) + array( 'triggers' => array( 'server' => false ) ) ) );

		$this->assertNotContains( 'claude/x', $this->caller->routes() );
		$this->assertSame( Run_Result::FAILED, $result->status );
	}

	// Rule 3: bounds.

	public function test_the_filter_cannot_push_attempts_or_budget_past_the_bounds(): void {
		$policy = $this->policy(
			array(
				'retry' => array(
					'attempts_per_route' => 50,
					'total_budget_ms'    => 900000,
				),
			)
		);

		$this->assertSame( 3, $policy->attempts_per_route );
		$this->assertSame( 60000, $policy->budget_ms );
		$this->assertFalse(
			Feature_Policy::from_array(
				array(
					'triggers' => array(
						'auth'            => true,
						'invalid_request' => true,
					),
				)
			)->may_fall_back( 'auth' )
		);
	}

	public function test_never_sleeps_past_the_budget(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'claude',
					'model'       => 'm',
				),
				'retry'   => array( 'total_budget_ms' => 5000 ),
			) + $this->fallback(
				'gemini',
				'g'
			)
		);
		$result = $this->execute( array( 'claude/m' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 30.0 ) ) ), $policy );

		$this->assertSame( array(), $this->clock->sleeps, 'A 30 s Retry-After does not fit a 5 s budget.' );
		$this->assertSame( 'rate_limited', $result->error['class'] );
		$this->assertStringContainsString( 'does not fit the time budget', self::last( $result )->reason );
		$this->assertLessThanOrEqual( 5000, $result->duration_ms );
	}

	public function test_a_hanging_provider_uses_up_at_most_the_budget(): void {
		$policy = $this->policy(
			array(
				'retry'    => array( 'total_budget_ms' => 12000 ),
				'timeouts' => array( 'total_ms' => 10000 ),
			)
		);
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Timeout ) ) ), $policy );

		$this->assertLessThanOrEqual( 12000, $result->duration_ms );
		$this->assertLessThanOrEqual( 2000, $this->caller->calls[1]['timeouts']['total_ms'], 'The second attempt only gets what is left of the budget.' );
		$this->assertSame( 'timeout', $result->error['class'] );
		$this->assertStringContainsString( 'does not fit the time budget', self::last( $result )->reason );
	}

	public function test_attempts_never_exceed_routes_times_attempts_plus_keys(): void {
		$policy = $this->policy(
			array(
				'fallbacks' => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
					),
					array(
						'provider_id' => 'ollama',
						'model'       => 'llama',
					),
				),
			)
		);
		$script = array(
			'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 500 ) ),
			'claude/c'           => array( Scripted_Caller::error( Error_Class::Server, 500 ) ),
			'ollama/llama'       => array( Scripted_Caller::error( Error_Class::Unreachable ) ),
		);
		$result = $this->execute( $script, $policy );

		$this->assertSame( 9, count( $this->caller->calls ) );
		$this->assertLessThanOrEqual( 3 * 3 + 3 + 1 + 1, count( $this->caller->calls ) );
		$this->assertCount( 9, $result->attempts );
		$this->assertSame( 'unreachable', $result->error['class'] );
	}

	public function test_a_background_request_defers_a_wait_that_does_not_fit(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'claude',
					'model'       => 'm',
				),
				'retry'   => array( 'total_budget_ms' => 5000 ),
			)
		);
		$result = $this->execute( array( 'claude/m' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 30.0 ) ) ), $policy, array( 'background' => true ) );

		$this->assertSame( Run_Result::DEFERRED, $result->status );
		$this->assertSame( 30.0, $result->error['retry_after'] );
		$this->assertSame( 'defer', $result->attempts[0]->decision?->value );
	}

	// Rule 4: circuit breakers.

	public function test_the_breaker_opens_skips_the_route_then_lets_one_probe_through(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'ollama',
					'model'       => 'llama',
				),
				'retry'   => array( 'attempts_per_route' => 3 ),
			) + $this->fallback(
				'claude',
				'c'
			)
		);
		$down   = array( 'ollama/llama' => array( Scripted_Caller::error( Error_Class::Unreachable ) ) );

		$this->execute( $down, $policy ); // Three failures: the breaker (threshold 3) opens.
		$this->assertContains( array( 'route:ollama/llama', 'closed', 'open' ), $this->sink->of( 'breaker' ) );

		$skipped = $this->execute( $down, $policy );
		$this->assertSame( array( 'claude/c' ), $this->caller->routes(), 'The open route is not contacted at all.' );
		$this->assertSame( 'breaker_open', $skipped->attempts[0]->error_class?->value );
		$this->assertSame( Outcome::Skipped, $skipped->attempts[0]->outcome );

		$this->clock->advance( 30001 );
		$probe = $this->execute( array(), $policy );
		$this->assertSame( array( 'ollama/llama' ), $this->caller->routes(), 'Half-open: one probe, which succeeds.' );
		$this->assertTrue( $probe->succeeded() );
		$this->assertContains( array( 'route:ollama/llama', 'half_open', 'closed' ), $this->sink->of( 'breaker' ) );
	}

	public function test_a_route_whose_every_key_breaker_is_open_falls_back_like_an_open_route(): void {
		// Found by `npm run bench` (503 -> fallback, c=16): the keys' breakers, counted by the same 5xx as
		// the route's, were open while the route's was not; the run stopped with keys_exhausted, a key
		// problem that never falls back, although the fallback was healthy.
		$policy = $this->policy( array( 'retry' => array( 'attempts_per_route' => 1 ) ) + $this->fallback( 'claude', 'c' ) );
		foreach ( array( 'prod-1', 'prod-2', 'prod-3' ) as $key ) {
			for ( $i = 0; $i < 3; $i++ ) {
				$this->store->add_failure( 'key:openai:' . $key );
			}
			$this->assertTrue( $this->store->open_breaker( 'key:openai:' . $key, 3, (int) $this->clock->now_ms() ) );
		}

		$result = $this->execute( array(), $policy );

		$this->assertTrue( $result->succeeded(), 'The healthy fallback answers.' );
		$this->assertSame( array( 'claude/c' ), $this->caller->routes(), 'No call goes to a route all of whose keys are open.' );
		$this->assertSame( Outcome::Skipped, $result->attempts[0]->outcome );
		$this->assertSame( 'breaker_open', $result->attempts[0]->error_class?->value );
		$this->assertSame( 'skip', $result->attempts[0]->decision->value, 'As for a route whose own breaker is open.' );
	}

	public function test_a_failed_probe_opens_the_breaker_again(): void {
		$breakers = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 1, 1000 );
		$breakers->record_failure( 'route:x' );
		$this->assertSame( 'open', $breakers->state( 'route:x' ) );
		$this->clock->advance( 1001 );
		$this->assertTrue( $breakers->allows( 'route:x' ) );
		$this->assertFalse( $breakers->allows( 'route:x' ), 'Only one probe.' );
		$breakers->record_failure( 'route:x' );
		$this->assertSame( 'open', $breakers->state( 'route:x' ) );
	}

	// Rule 5: strategies.

	public function test_capability_filtering_never_tries_a_route_lacking_a_capability(): void {
		$policy = $this->policy(
			array(
				'requires' => array( 'reasoning' ),
				'strategy' => 'capability',
			) + $this->fallback(
				'claude',
				'c'
			)
		);
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array( 'vision' ), 0, 0, true ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array( 'reasoning' ), 0, 0, true ),
		);
		$result = $this->execute( array(), $policy, array(), $routes );

		$this->assertSame( array( 'claude/c' ), $this->caller->routes() );
		$this->assertSame( 'capability_missing', $result->attempts[0]->error_class?->value );
		$this->assertSame( array( 'claude/c' ), $result->route_order );
	}

	public function test_cost_ceiling_skips_expensive_routes(): void {
		$policy = $this->policy( array( 'max_cost_per_request' => 0.001 ) + $this->fallback( 'claude', 'c' ) );
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array(), 75.0, 150.0, true ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array(), 0.1, 0.2, true ),
		);
		$result = $this->execute( array(), $policy, array(), $routes );

		$this->assertSame( array( 'claude/c' ), $this->caller->routes() );
		$this->assertStringContainsString( 'exceeds the feature\'s ceiling', $result->attempts[0]->reason );
	}

	public function test_prefer_local_and_prefer_lower_cost_reorder_and_the_order_is_recorded(): void {
		$policy = $this->policy(
			array(
				'prefer_local' => true,
				'fallbacks'    => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
					),
					array(
						'provider_id' => 'ollama',
						'model'       => 'llama',
					),
				),
			)
		);
		$result = $this->execute( array(), $policy );
		$this->assertSame( array( 'ollama/llama', 'openai/gpt-4o-mini', 'claude/c' ), $result->route_order );

		$cheap  = $this->policy( array( 'prefer_lower_cost' => true ) + $this->fallback( 'claude', 'c' ) );
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array(), 5.0, 5.0, true ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array(), 1.0, 1.0, true ),
		);
		$this->assertSame( array( 'claude/c', 'openai/gpt-4o-mini' ), $this->execute( array(), $cheap, array(), $routes )->route_order );
	}

	public function test_balanced_follows_the_weights(): void {
		$policy = $this->policy(
			array(
				'strategy'  => 'balanced',
				'primary'   => array( 'weight' => 1 ),
				'fallbacks' => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
						'weight'      => 3,
					),
				),
			)
		);
		$firsts = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$this->caller = new Scripted_Caller( array(), $this->clock );
			$runner       = new Chain_Runner( $this->caller, $this->keys, $this->clock, $this->clock, new Fixed_Random( array( ( $i + 0.5 ) / 40, ( ( $i * 7 ) % 40 + 0.5 ) / 40 ) ), new Circuit_Breaker( $this->store, $this->clock, $this->sink ), $this->sink, new Output_Checks() );
			$firsts[]     = $runner->run( $policy, $this->routes( $policy ), new Run_Request( new Chat_Request( array() ) ) )->route_order[0];
		}
		$claude_first = count( array_keys( $firsts, 'claude/c', true ) );
		$this->assertGreaterThan( 24, $claude_first, 'Weight 3 against 1 goes first about three times in four.' );
		$this->assertLessThan( 38, $claude_first );
		$this->assertContains( 'openai/gpt-4o-mini', $firsts, 'But not always.' );
	}

	public function test_adaptive_puts_a_failing_route_last(): void {
		$policy   = $this->policy( array( 'strategy' => 'adaptive' ) + $this->fallback( 'claude', 'c' ) );
		$breakers = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		$breakers->record_failure( 'route:openai/gpt-4o-mini' );
		$breakers->flush();

		$this->assertSame( array( 'claude/c', 'openai/gpt-4o-mini' ), $this->execute( array(), $policy )->route_order );
	}

	// Rule 6: validation.

	public function test_a_failed_output_check_escalates_to_the_next_route_when_allowed(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + array( 'triggers' => array( 'validation_failed' => true ) ) );
		$script = array(
			'openai/gpt-4o-mini' => array( Scripted_Caller::ok( 'too short' ) ),
			'claude/c'           => array( Scripted_Caller::ok( '{"summary":"A proper, long enough answer."}' ) ),
		);
		$result = $this->execute(
			$script,
			$policy,
			array(
				'validate' => array(
					'json'       => true,
					'min_length' => 20,
				),
			)
		);

		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/c' ), $this->caller->routes(), 'No retry of the same model: escalate.' );
		$this->assertSame( 'validation_failed', $result->attempts[0]->error_class?->value );
		$this->assertSame( 'claude', $result->served_by['provider_id'] );

		$stopped = $this->execute(
			$script,
			$this->policy( $this->fallback( 'claude', 'c' ) ),
			array(
				'validate' => array(
					'non_empty'  => true,
					'min_length' => 20,
				),
			)
		);
		$this->assertSame( Run_Result::FAILED, $stopped->status );
	}

	// Rule 7: streaming.

	public function test_a_stream_cut_after_the_first_token_is_incomplete_and_never_switches_route(): void {
		$cut    = new Chat_Result( 'Half an ans', 'incomplete', 10, 3, false, 'missing data: [DONE]' );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( $cut ) ), $this->policy( $this->fallback( 'claude', 'c' ) ), array( 'stream' => true ) );

		$this->assertSame( Run_Result::INCOMPLETE, $result->status );
		$this->assertSame( 'Half an ans', $result->text );
		$this->assertSame( 'missing data: [DONE]', $result->incomplete_reason );
		$this->assertSame( array( 'openai/gpt-4o-mini' ), $this->caller->routes() );
		$this->assertFalse( $result->succeeded() );
	}

	public function test_a_stream_that_fails_before_its_first_token_falls_back_like_any_other(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + array( 'retry' => array( 'attempts_per_route' => 1 ) ) );
		$result = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 200 ) ) ), $policy, array( 'stream' => true ) );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/c' ), $this->caller->routes() );
	}

	// Rule 8 and drills.

	public function test_the_result_carries_the_whole_story(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + array( 'retry' => array( 'attempts_per_route' => 1 ) ) );
		$array  = $this->execute( array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), $policy )->to_array();

		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $array['run_id'] );
		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/c' ), $array['route_order'] );
		$this->assertSame( 'Backup model.', $array['degraded_notice'] );
		$first = $array['attempts'][0];
		foreach ( array( 'attempt', 'route', 'provider', 'provider_label', 'key_id', 'key_label', 'start_ms', 'latency_ms', 'outcome', 'error_class', 'http_status', 'provider_code', 'retry_after', 'decision', 'reason', 'tokens_in', 'tokens_out' ) as $field ) {
			$this->assertArrayHasKey( $field, $first );
		}
		$this->assertSame( 'prod-1', $first['key_label'] );
		$this->assertSame( 503, $first['http_status'] );
		$this->assertSame( 'fallback', $first['decision'] );
		$this->assertSame( 'success', $array['attempts'][1]['outcome'] );
		$this->assertCount( 1, $this->sink->of( 'run' ) );
		$this->assertCount( 2, $this->sink->of( 'attempt' ) );
	}

	public function test_a_drill_injects_failures_without_calling_the_provider_and_marks_them_simulated(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + array( 'retry' => array( 'attempts_per_route' => 1 ) ) );
		$result = $this->execute( array(), $policy, array( 'simulate' => array( 'openai/gpt-4o-mini' => 'server' ) ) );

		$this->assertSame( array( 'claude/c' ), $this->caller->routes(), 'The drilled route is answered by the Simulator, the fallback for real.' );
		$this->assertSame( 503, $result->attempts[0]->http_status, 'The Simulator produced the 503 and the adapter classified it.' );
		$this->assertSame( 'server', $result->attempts[0]->error_class?->value );
		$this->assertTrue( $result->attempts[0]->simulated );
		$this->assertTrue( $result->attempts[1]->simulated, 'Everything a drill logs is marked simulated.' );
		$this->assertTrue( $result->simulated );
		$this->assertTrue( $result->degraded );
	}

	/**
	 * @dataProvider drilled_classes
	 */
	public function test_a_drill_produces_each_class_through_the_simulator( Error_Class $class ): void {
		$result = $this->execute( array(), $this->policy( array( 'retry' => array( 'attempts_per_route' => 1 ) ) ), array( 'simulate' => array( 'openai/gpt-4o-mini' => $class->value ) ) );

		$this->assertSame( $class, $result->attempts[0]->error_class );
		$this->assertSame( array(), $this->caller->routes() );
	}

	/**
	 * @return array<string, array{Error_Class}>
	 */
	public function drilled_classes(): array {
		$cases = array();
		foreach ( Error_Class::cases() as $class ) {
			$cases[ $class->value ] = array( $class );
		}
		return $cases;
	}

	public function test_a_drill_leaves_keys_breakers_and_their_events_untouched(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) );
		$before = $this->store->values;

		$auth = $this->execute( array(), $policy, array( 'simulate' => array( 'openai/gpt-4o-mini' => 'auth' ) ) );
		$this->assertSame( 'keys_exhausted', $auth->error['class'], 'The drill rejected all three keys, in its own copy.' );
		$this->assertSame( array(), $this->keys->state, 'No real key was marked dead or resting.' );

		for ( $i = 0; $i < 6; $i++ ) {
			$this->execute( array(), $policy, array( 'simulate' => array( 'openai/gpt-4o-mini' => 'server' ) ) );
		}
		$this->assertSame( $before, $this->store->values, 'No real breaker count was written.' );
		$this->assertSame( array(), $this->sink->of( 'breaker' ), 'No breaker change was reported.' );

		$real = $this->execute( array(), $policy );
		$this->assertTrue( $real->succeeded() );
		$this->assertSame( 'prod-1', $real->served_by['key_label'] );
		$this->assertFalse( $real->degraded );
	}

	public function test_a_drill_starts_from_the_live_state(): void {
		$breakers = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		for ( $i = 0; $i < 3; $i++ ) {
			$breakers->record_failure( 'route:openai/gpt-4o-mini' );
		}
		$breakers->flush();
		$this->keys->mark_dead( 'claude', 'c-1', 'revoked', 0 );

		$result = $this->execute( array(), $this->policy( $this->fallback( 'claude', 'c' ) ), array( 'simulate' => array( 'claude/c' => 'server' ) ) );

		$this->assertSame( 'breaker_open', $result->attempts[0]->error_class?->value, 'The open live breaker is open in the drill too.' );
		$this->assertSame( 'keys_exhausted', $result->error['class'], 'The dead live key is dead in the drill too: the drill shows what a real run would do.' );
	}

	// Issue 8, item 3: a provider's keys are sent whatever its preset.

	public function test_a_custom_openai_compatible_provider_sends_and_rotates_its_keys(): void {
		$this->providers['azure'] = new Provider_Config( 'azure', 'Azure', 'custom', 'https://example.openai.azure.com/v1' );
		$this->keys               = new Memory_Key_Pool( array( 'azure' => array( 'az-1', 'az-2' ) ) );
		$policy                   = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'azure',
					'model'       => 'gpt-4o',
				),
			)
		);
		$result                   = $this->execute( array( 'azure/gpt-4o' => array( Scripted_Caller::error( Error_Class::Auth, 401 ), Scripted_Caller::ok() ) ), $policy );

		$this->assertSame( array( 'secret-az-1', 'secret-az-2' ), array_column( $this->caller->calls, 'key' ) );
		$this->assertTrue( $result->succeeded() );
		$this->assertSame( 'az-2', $result->served_by['key_label'] );
	}

	public function test_a_provider_that_needs_no_key_and_has_none_is_called_without_one(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'ollama',
					'model'       => 'llama',
				),
			)
		);
		$result = $this->execute( array(), $policy );

		$this->assertSame( array( '' ), array_column( $this->caller->calls, 'key' ) );
		$this->assertTrue( $result->succeeded() );
	}

	// Issue 8, item 9.

	public function test_attempts_are_numbered_once_each_in_order(): void {
		$policy = $this->policy(
			array(
				'max_cost_per_request' => 0.001,
				'fallbacks'            => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
					),
					array(
						'provider_id' => 'gemini',
						'model'       => 'g',
					),
				),
			)
		);
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array(), 75.0, 150.0, true ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array(), 0.1, 0.2, true ),
			new Route( $this->providers['gemini'], 'g', 1, 'fallback 2', array(), 0.1, 0.2, true ),
		);
		$result = $this->execute( array( 'claude/c' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), $policy, array(), $routes );

		$this->assertSame( range( 1, count( $result->attempts ) ), array_map( static fn( Attempt $a ) => $a->index, $result->attempts ) );
		$this->assertCount( 5, $result->attempts, 'A skip, three 503s, the answer.' );
	}

	public function test_an_answer_that_failed_validation_still_counts_its_tokens_and_cost(): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + array( 'triggers' => array( 'validation_failed' => true ) ) );
		$result = $this->execute(
			array( 'openai/gpt-4o-mini' => array( Scripted_Caller::ok( 'short' ) ) ),
			$policy,
			array( 'validate' => array( 'min_length' => 100 ) )
		);

		$this->assertSame( 10, $result->attempts[0]->input_tokens );
		$this->assertSame( 5, $result->attempts[0]->output_tokens );
		$this->assertEqualsWithDelta( 2 * ( 10 * 1.0 + 5 * 2.0 ) / 1000000, $result->cost, 1e-12, 'Both answers were paid for.' );
	}

	public function test_the_run_error_carries_the_wait_the_provider_asked_for(): void {
		$policy = $this->policy(
			array(
				'primary' => array(
					'provider_id' => 'claude',
					'model'       => 'm',
				),
				'retry'   => array( 'total_budget_ms' => 5000 ),
			)
		);
		$result = $this->execute( array( 'claude/m' => array( Scripted_Caller::error( Error_Class::Rate_Limited, 429, 30.0 ) ) ), $policy );

		$this->assertSame( 30.0, $result->error['retry_after'] );
		$this->assertSame( 30.0, $result->to_array()['error']['retry_after'] );
	}

	/**
	 * @dataProvider primary_not_used
	 */
	public function test_an_answer_from_a_fallback_is_degraded_whatever_kept_the_primary_out( string $why ): void {
		$policy = $this->policy( $this->fallback( 'claude', 'c' ) + ( 'cost' === $why ? array( 'max_cost_per_request' => 0.001 ) : array() ) + ( 'capability' === $why ? array( 'requires' => array( 'reasoning' ) ) : array() ) );
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array( 'vision' ), 'cost' === $why ? 75.0 : 0.0, 'cost' === $why ? 150.0 : 0.0, true ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array( 'vision', 'reasoning' ), 0.0, 0.0, true ),
		);
		if ( 'breaker' === $why ) {
			$breakers = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
			for ( $i = 0; $i < 3; $i++ ) {
				$breakers->record_failure( 'route:openai/gpt-4o-mini' );
			}
			$breakers->flush();
		}
		$result = $this->execute( array(), $policy, array(), $routes );

		$this->assertSame( 'claude', $result->served_by['provider_id'] );
		$this->assertTrue( $result->degraded, $why );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function primary_not_used(): array {
		return array(
			'breaker'    => array( 'breaker' ),
			'cost'       => array( 'cost' ),
			'capability' => array( 'capability' ),
		);
	}

	// Issue 8, item 9: adaptive returns to a recovered primary; capability ranks by fit.

	/**
	 * @param Feature_Policy $policy Policy.
	 * @param array          $script Outcomes per route.
	 * @param list<float>    $random Random draws.
	 */
	private function adaptive_run( Feature_Policy $policy, array $script, array $random = array( 0.5 ) ): Run_Result {
		$this->caller = new Scripted_Caller( $script, $this->clock );
		$breakers     = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 3, 30000 );
		$health       = new Route_Health( $this->store, $this->clock );
		$rand         = new Fixed_Random( $random );
		$runner       = new Chain_Runner( $this->caller, $this->keys, $this->clock, $this->clock, $rand, $breakers, $this->sink, new Output_Checks(), new Route_Planner( $rand, $breakers, $health ), null, false, $health );
		return $runner->run( $policy, $this->routes( $policy ), new Run_Request( new Chat_Request( array() ) ) );
	}

	public function test_adaptive_returns_to_a_recovered_primary_as_its_failure_fades(): void {
		$policy = $this->policy( array( 'strategy' => 'adaptive' ) + $this->fallback( 'claude', 'c' ) + array( 'retry' => array( 'attempts_per_route' => 1 ) ) );

		$first = $this->adaptive_run( $policy, array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );
		$this->assertSame( 'claude', $first->served_by['provider_id'] );
		$this->assertSame( array( 'claude/c', 'openai/gpt-4o-mini' ), $this->adaptive_run( $policy, array() )->route_order, 'Just after its failure the primary is demoted.' );

		$this->clock->advance( Route_Health::HALF_LIFE_MS + 1 );
		$later = $this->adaptive_run( $policy, array() );
		$this->assertSame( array( 'openai/gpt-4o-mini', 'claude/c' ), $later->route_order, 'One failure fades: the primary is first again.' );
		$this->assertSame( 'openai', $later->served_by['provider_id'] );
	}

	public function test_adaptive_probes_a_demoted_primary_now_and_then(): void {
		$policy = $this->policy( array( 'strategy' => 'adaptive' ) + $this->fallback( 'claude', 'c' ) + array( 'retry' => array( 'attempts_per_route' => 1 ) ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->adaptive_run( $policy, array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ), array( 0.05 ) );
		}
		$this->store->values = array_filter( $this->store->values, static fn( $k ) => ! str_starts_with( $k, 'breaker:' ), ARRAY_FILTER_USE_KEY );

		$this->assertSame( 'claude/c', $this->adaptive_run( $policy, array() )->route_order[0], 'Demoted (three recent failures).' );
		$probe = $this->adaptive_run( $policy, array(), array( 0.05 ) );
		$this->assertSame( 'openai/gpt-4o-mini', $probe->route_order[0], 'A probe run tries the demoted primary first.' );
		$this->assertSame( 'openai', $probe->served_by['provider_id'] );
	}

	public function test_capability_strategy_puts_the_routes_that_fit_the_request_first(): void {
		$policy = $this->policy(
			array(
				'strategy'  => 'capability',
				'fallbacks' => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
					),
					array(
						'provider_id' => 'gemini',
						'model'       => 'g',
					),
				),
			)
		);
		$routes = array(
			new Route( $this->providers['openai'], 'gpt-4o-mini', 1, 'primary', array(), 0, 0, true, 64 ),
			new Route( $this->providers['claude'], 'c', 1, 'fallback 1', array(), 0, 0, false, 0 ),
			new Route( $this->providers['gemini'], 'g', 1, 'fallback 2', array(), 0, 0, true, 1000000 ),
		);
		$result = $this->execute( array(), $policy, array(), $routes );

		$this->assertSame( array( 'gemini/g', 'claude/c', 'openai/gpt-4o-mini' ), $result->route_order, 'Fits, unknown, too small (64 tokens for a prompt plus 100).' );
	}
}
