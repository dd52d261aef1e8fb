<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Tests\Integration\REST\Rig_Fixtures;
use AI_Failover\Tests\Integration\REST\Rig_Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * GET /policy-state over real HTTP, read back after real runs against a fake provider of the
 * test's own: a daily budget spent by the runs themselves (no ledger written by hand) goes from
 * normal to downgrading to capped, and the endpoint's spent figure is the one the engine states in
 * its own attempts; an error-rate breaker opened by concurrent requests shows open, opened by the
 * rate, with its window's counts. Everything created is deleted afterwards.
 *
 * @covers \AI_Failover\Diagnostics\Policy_State_Report
 * @covers \AI_Failover\REST\Policy_State_Controller
 * @covers \AI_Failover\Diagnostics\State_Repository
 */
final class Policy_State_Http_Test extends Test_Case {

	use Rig_Fixtures;

	/** A 1 000-token prompt with at most 16 tokens out: the spend is mostly input, known in advance. */
	private const RUN = array(
		'messages'   => array(
			array(
				'role'    => 'user',
				'content' => 'x',
			),
		),
		'max_tokens' => 16,
	);

	protected function set_up(): void {
		parent::set_up();
		$this->use_rig( 'ps' );
	}

	public function test_the_endpoint_needs_a_login(): void {
		$response = wp_remote_get( Rig_Site::base_url() . '/wp-json/ai-failover/v1/policy-state' );
		$this->assertSame( 401, wp_remote_retrieve_response_code( $response ) );
		$this->assertSame( 'aifo_forbidden', json_decode( wp_remote_retrieve_body( $response ), true )['code'] ?? '' );
	}

	public function test_a_daily_budget_spent_by_real_runs_shows_downgrading_then_capped_with_the_engines_own_figure(): void {
		$provider = $this->provider( Rig_Site::fake_provider( 5 ) . '/v1', 'ok' );
		$big      = array(
			'provider_id' => $provider,
			'model'       => 'gpt-4o',
		);
		$small    = array(
			'provider_id' => $provider,
			'model'       => 'gpt-4o-mini',
			'over_budget' => true,
		);

		// What one run on gpt-4o costs: the same request on a feature without a budget.
		$this->feature( '-cal', array( 'primary' => $big ) );
		$calibration = $this->run_feature( $this->tag . '-cal' );
		$one_run     = (float) $calibration['output']['estimated_cost'];
		$this->assertGreaterThan( 0.002, $one_run, (string) wp_json_encode( $calibration ) );

		// A daily limit that one gpt-4o run takes to 85 % of; gpt-4o-mini may run over budget.
		$limit = round( $one_run / 0.85, 6 );
		$id    = $this->feature(
			'-bud',
			array(
				'primary'   => $big,
				'fallbacks' => array( $small ),
				'budget'    => array(
					'daily_usd'        => $limit,
					'downgrade_at_pct' => 80,
				),
			)
		);

		$fresh = $this->budget_of( $id );
		$this->assertSame( 'normal', $fresh['state'] );
		$this->assertSame( 0.0, (float) $fresh['periods'][0]['spent_usd'] );
		$this->assertEqualsWithDelta( $limit, $fresh['periods'][0]['limit_usd'], 1e-9 );
		$this->assertEqualsWithDelta( $limit * 0.8, $fresh['periods'][0]['downgrade_at_usd'], 1e-6 );
		$this->assertSame( 'day', $fresh['periods'][0]['period'] );
		$reset = strtotime( $fresh['periods'][0]['resets_at'] );
		$this->assertGreaterThan( time(), $reset );
		$this->assertLessThanOrEqual( time() + DAY_IN_SECONDS, $reset, 'The day resets at the next midnight.' );
		$this->assertSame( array( array( $provider . '/gpt-4o', 1 ), array( $provider . '/gpt-4o-mini', 2 ) ), $this->order( $fresh ), 'Normal: the configured order.' );

		$first = $this->run_feature( $id );
		$this->assertSame( 'gpt-4o', $first['served_by']['model'] ?? '', (string) wp_json_encode( $first ) );
		$spent = (float) $first['output']['estimated_cost'];

		$near = $this->budget_of( $id );
		$this->assertSame( 'downgrading', $near['state'], (string) wp_json_encode( $near ) );
		$this->assertSame( 'downgrading', $near['periods'][0]['state'] );
		$this->assertSame( "the feature's daily budget", $near['decided_by'] );
		$this->assertEqualsWithDelta( $spent, $near['periods'][0]['spent_usd'], 0.000001, 'Spent is what the run recorded.' );
		$this->assertSame( array( $provider . '/gpt-4o-mini', 1 ), $this->order( $near )[0], 'Downgrading: the cheaper route first.' );

		// Real runs on the cheaper route until the budget is spent; the engine states, in each run's
		// first attempt, the figure it held the budget to, and the endpoint read just before agrees.
		$before = $near;
		for ( $i = 0; $i < 15 && 'capped' !== $before['state']; $i++ ) {
			$run = $this->run_feature( $id );
			$this->assertSame( 'gpt-4o-mini', $run['served_by']['model'] ?? '', (string) wp_json_encode( $run ) );
			$this->assertMatchesRegularExpression( "/Budget: the feature's daily budget is at \\$([0-9.]+) of/", (string) $run['attempts'][0]['reason'] );
			preg_match( '/is at \$([0-9.]+) of/', (string) $run['attempts'][0]['reason'], $stated );
			$this->assertEqualsWithDelta( (float) $stated[1], $before['periods'][0]['spent_usd'], 0.0000005, 'The engine enforced the figure the endpoint showed.' );
			$spent += (float) $run['output']['estimated_cost'];
			$before = $this->budget_of( $id );
			$this->assertEqualsWithDelta( $spent, $before['periods'][0]['spent_usd'], 0.000001 * ( $i + 2 ), 'Every run\'s cost counted, nothing reserved left behind.' );
			$this->assertSame( 0.0, (float) $before['periods'][0]['reserved_usd'] );
		}

		$capped = $before;
		$this->assertSame( 'capped', $capped['state'], (string) wp_json_encode( $capped ) );
		$this->assertGreaterThanOrEqual( $limit, $capped['periods'][0]['spent_usd'], 'Only a route allowed over budget takes it past the limit.' );
		$this->assertSame( 0.0, (float) $capped['room_usd'] );
		$this->assertSame( array( array( $provider . '/gpt-4o-mini', 1 ), array( $provider . '/gpt-4o', null ) ), $this->order( $capped ), 'Capped: only the route marked over_budget runs.' );
		$this->assertFalse( $capped['routes'][0]['runs'] );
		$this->assertTrue( $capped['routes'][1]['over_budget'] );

		$after = $this->run_feature( $id );
		$this->assertSame( 'gpt-4o-mini', $after['served_by']['model'] ?? '', 'What the endpoint said still runs, runs.' );
	}

	public function test_an_error_rate_breaker_opened_by_concurrent_requests_shows_open_with_its_window(): void {
		$fake     = Rig_Site::fake_provider( 5 );
		$provider = $this->provider( $fake . '/v1', 'ok' );
		$id       = $this->feature(
			'-er',
			array(
				'primary'            => array(
					'provider_id' => $provider,
					'model'       => 'gpt-4o-mini',
				),
				'error_rate_breaker' => array(
					'enabled'      => true,
					'percent'      => 5,
					'min_requests' => 16,
					'window_s'     => 60,
				),
			)
		);
		$route    = $provider . '/gpt-4o-mini';

		$healthy = Rig_Site::parallel_runs( array_fill( 0, 16, $id ), self::RUN );
		$this->assertSame( array_fill( 0, 16, 'success' ), array_map( static fn( array $run ) => $run['body']['status'] ?? '', $healthy ) );
		$closed = $this->breaker_of( $route );
		$this->assertSame( 'closed', $closed['breaker'] );
		$this->assertNull( $closed['opened_by'] );
		$this->assertNull( $closed['opened_at'] );
		$this->assertSame( array( 16, 0, 0.0, false ), $this->window( $closed ) );

		// The route starts failing: 4 concurrent runs, fewer than the 5 failures in a row, but over 5 % of 17.
		$this->replace_key( $provider, 'fail-503' );
		$failing  = Rig_Site::parallel_runs( array_fill( 0, 4, $id ), self::RUN );
		$attempts = array_merge( ...array_map( static fn( array $run ) => (array) ( $run['body']['attempts'] ?? array() ), $failing ) );
		$upstream = count( array_filter( $attempts, static fn( array $a ) => 503 === $a['http_status'] ) );
		$this->assertGreaterThan( 0, $upstream );
		$this->assertLessThan( 5, $upstream );

		$open = $this->breaker_of( $route );
		$this->assertSame( 'open', $open['breaker'], (string) wp_json_encode( $open ) );
		$this->assertSame( 'error_rate', $open['opened_by'] );
		$this->assertSame( $upstream, $open['consecutive_failures'], 'Below the consecutive threshold: the rate opened it.' );
		$this->assertSame( array( 16 + $upstream, $upstream, round( $upstream / ( 16 + $upstream ), 4 ), true ), $this->window( $open ) );
		$this->assertSame( array( 5.0, 16, 60 ), array( (float) $open['rules'][0]['threshold_pct'], $open['rules'][0]['min_requests'], $open['rules'][0]['window_s'] ) );
		$this->assertSame( $id, $open['rules'][0]['feature'] );
		$this->assertFalse( $open['probe_in_flight'] );
		$this->assertSame( 30, strtotime( (string) $open['next_probe_at'] ) - strtotime( (string) $open['opened_at'] ), 'The probe waits the 30 s cooldown.' );
		$this->assertLessThanOrEqual( 5, abs( time() - strtotime( (string) $open['opened_at'] ) ) );

		// The whole panel is one read of the state table, however many routes and windows it shows.
		$this->assertSame( 200, Rig_Site::rest( 'GET', '/ai-failover/v1/policy-state', null, array( 'X-Aifo-Rig-Count: ' . $this->tag ) )['status'] );
		$state_reads = array_values( array_filter( $this->reads( $this->tag ), static fn( string $sql ) => str_contains( $sql, 'aifo_state' ) ) );
		$this->assertCount( 1, $state_reads, implode( "\n", $state_reads ) );
		$this->assertStringContainsString( 'UNION ALL', $state_reads[0] );

		$skipped = $this->run_feature( $id );
		$this->assertSame( array( 'breaker_open' ), array_column( $skipped['attempts'], 'error_class' ), 'Open as shown: the next run skips the route.' );
	}

	/**
	 * The rig's query log of the request that sent X-Aifo-Rig-Count: $id.
	 *
	 * @return list<string>
	 */
	private function reads( string $id ): array {
		$file = getenv( 'WP_ROOT' ) . '/wp-content/uploads/aifo-rig/count-' . $id . '.json';
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the rig's local output.
		$count = is_readable( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : null;
		$this->assertIsArray( $count, "The rig wrote no count to $file." );
		wp_delete_file( $file );
		return array_values( (array) $count['reads'] );
	}

	/**
	 * The feature's entry of the budgets panel.
	 *
	 * @return array<string, mixed>
	 */
	private function budget_of( string $feature ): array {
		foreach ( (array) $this->policy_state()['budgets']['features'] as $entry ) {
			if ( $feature === $entry['feature'] ) {
				return $entry;
			}
		}
		$this->fail( "No budget entry for $feature." );
	}

	/**
	 * The route's entry of the error-rate panel.
	 *
	 * @return array<string, mixed>
	 */
	private function breaker_of( string $route ): array {
		foreach ( (array) $this->policy_state()['error_rate']['routes'] as $entry ) {
			if ( $route === $entry['route'] ) {
				return $entry;
			}
		}
		$this->fail( "No error-rate entry for $route." );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function policy_state(): array {
		$state = Rig_Site::rest( 'GET', '/ai-failover/v1/policy-state' );
		$this->assertSame( 200, $state['status'], (string) wp_json_encode( $state['body'] ) );
		return (array) $state['body'];
	}

	/**
	 * Routes with their place in the order they run in (null: does not run), in that order.
	 *
	 * @param array<string, mixed> $budget Budget entry.
	 * @return list<array{0: string, 1: int|null}>
	 */
	private function order( array $budget ): array {
		$routes = (array) $budget['routes'];
		usort( $routes, static fn( array $a, array $b ) => ( $a['order'] ?? PHP_INT_MAX ) <=> ( $b['order'] ?? PHP_INT_MAX ) );
		return array_map( static fn( array $route ) => array( $route['route'], $route['order'] ), $routes );
	}

	/**
	 * The first rule's requests, failures, rate and verdict.
	 *
	 * @param array<string, mixed> $route Error-rate entry.
	 * @return array{0: int, 1: int, 2: float, 3: bool}
	 */
	private function window( array $route ): array {
		$rule = $route['rules'][0];
		return array( $rule['requests'], $rule['failures'], (float) $rule['rate'], $rule['trips'] );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function run_feature( string $feature ): array {
		$request                           = self::RUN;
		$request['messages'][0]['content'] = str_repeat( 'Summarise this. ', 250 );
		$run                               = Rig_Site::rest( 'POST', '/ai-failover/v1/features/' . $feature . '/run', $request );
		$this->assertSame( 200, $run['status'], (string) wp_json_encode( $run['body'] ) );
		return (array) $run['body'];
	}

	/**
	 * A feature of this test, one attempt per route.
	 *
	 * @param array<string, mixed> $fields Fields.
	 */
	private function feature( string $suffix, array $fields ): string {
		$body  = $fields + array(
			'id'        => $this->tag . $suffix,
			'label'     => $this->tag . $suffix,
			'fallbacks' => array(),
			'retry'     => array( 'attempts_per_route' => 1 ),
		);
		$saved = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body );
		$this->assertSame( 201, $saved['status'], (string) wp_json_encode( $saved['body'] ) );
		$this->features[] = $body['id'];
		return $body['id'];
	}

	/**
	 * A provider on the fake whose one key's secret picks the fake route.
	 */
	private function provider( string $base_url, string $route ): string {
		$id      = $this->tag;
		$created = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => $id,
				'label'                 => $id,
				'preset'                => 'openai',
				'base_url'              => $base_url,
				'allow_private_network' => true,
			)
		);
		$this->assertSame( 201, $created['status'], (string) wp_json_encode( $created['body'] ) );
		$this->providers[] = $id;
		$this->replace_key( $id, $route );
		return $id;
	}

	/**
	 * Deletes the provider's keys and adds one whose secret picks the fake route $route.
	 */
	private function replace_key( string $provider, string $route ): void {
		foreach ( (array) Rig_Site::rest( 'GET', '/ai-failover/v1/providers/' . $provider . '/keys' )['body'] as $key ) {
			$this->assertSame( 200, Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $provider . '/keys/' . $key['id'] )['status'] );
		}
		$added = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers/' . $provider . '/keys',
			array(
				'label'  => 'a',
				'secret' => 'fk-' . $route . '-' . wp_generate_password( 12, false ),
			)
		);
		$this->assertSame( 201, $added['status'], (string) wp_json_encode( $added['body'] ) );
	}
}
