<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Shared state under real concurrency: parallel HTTP requests to the rig's site (php-fpm workers,
 * its own database, no object cache) against the fake provider, then the state read back the way
 * the next run reads it. Everything is created over REST with unique ids and deleted afterwards.
 *
 * @covers \AI_Failover\Engine\Circuit_Breaker
 * @covers \AI_Failover\Engine\WP_State_Store
 * @covers \AI_Failover\Secrets\Key_State_Store
 * @covers \AI_Failover\Diagnostics\State_Repository
 */
final class Concurrent_State_Test extends Test_Case {

	private string $site = '';
	private string $auth = '';
	private string $fake = '';
	private string $tag  = '';

	/** @var list<string> */
	private array $features = array();

	/** @var list<string> */
	private array $providers = array();

	protected function set_up(): void {
		parent::set_up();
		$this->site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		$this->auth = 'Basic ' . base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		$this->fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		if ( '' === $this->site || ! getenv( 'WP_APP_PASSWORD' ) ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->tag = 'cs' . strtolower( wp_generate_password( 6, false ) );
	}

	protected function tear_down(): void {
		foreach ( $this->features as $feature ) {
			$this->http( 'DELETE', '/features/' . $feature );
		}
		foreach ( $this->providers as $provider ) {
			$this->http( 'DELETE', '/providers/' . $provider );
		}
		parent::tear_down();
	}

	public function test_concurrent_failures_all_count_against_the_breakers(): void {
		$provider = $this->provider( 'fail-503' );
		$key      = $this->key( $provider );
		$feature  = $this->feature( $provider );

		$runs = $this->parallel_runs( array_fill( 0, 16, $feature ) );

		$upstream_failures = 0;
		foreach ( $runs as $run ) {
			$upstream_failures += count( array_filter( $run['attempts'] ?? array(), static fn( array $a ) => 503 === $a['http_status'] ) );
		}
		$this->assertGreaterThanOrEqual( 5, $upstream_failures, 'Enough 503s to reach the threshold.' );
		$this->assertSame(
			array(
				'route' => array( 'open', $upstream_failures ),
				'key'   => array( 'open', $upstream_failures ),
			),
			$this->site_breakers( array( 'route:' . $provider . '/gpt-4o-mini', 'key:' . $provider . ':' . $key ) ),
			'Every upstream 503 counted once on the route and on its key; the breakers opened.'
		);
	}

	public function test_twelve_providers_rate_limited_at_once_all_cool_their_key(): void {
		$features = array();
		$keys     = array();
		for ( $i = 0; $i < 12; $i++ ) {
			$provider              = $this->provider( 'fail-429-ra60', (string) $i );
			$keys[ $provider ]     = $this->key( $provider );
			$features[ $provider ] = $this->feature( $provider );
		}

		$runs = $this->parallel_runs( array_values( $features ) );
		$this->assertCount( 12, array_filter( $runs, static fn( array $run ) => 'rate_limited' === ( $run['error']['class'] ?? '' ) ), 'Every provider answered 429.' );

		$states = array();
		foreach ( array_keys( $keys ) as $provider ) {
			$states[ $provider ] = array_column( (array) $this->http( 'GET', '/providers/' . $provider . '/keys' ), 'state' );
		}
		$this->assertSame( array_fill_keys( array_keys( $keys ), array( 'cooling' ) ), $states, 'No verdict lost: all 12 keys cool down.' );
	}

	public function test_one_probe_goes_through_a_half_open_breaker_while_the_other_runs_skip(): void {
		$provider = $this->provider( 'hang' );
		$this->key( $provider );
		$feature = $this->feature( $provider, 1000 );
		$subject = 'route:' . $provider . '/gpt-4o-mini';
		$this->on_site(
			static function () use ( $subject ): void {
				$rows = new \AI_Failover\Diagnostics\State_Repository();
				for ( $i = 0; $i < 5; $i++ ) {
					$rows->add_failure( $subject );
				}
				// Opened 31 s ago: the 30 s cool-down is over, the breaker is half-open.
				$rows->open_breaker( $subject, 5, (int) floor( microtime( true ) * 1000 ) - 31000 );
			}
		);
		$this->assertSame( array( 'route' => array( 'half_open', 5 ) ), $this->site_breakers( array( $subject ) ) );

		$runs = $this->parallel_runs( array_fill( 0, 8, $feature ) );

		$probes = array_filter( $runs, static fn( array $run ) => array() !== array_filter( $run['attempts'] ?? array(), static fn( array $a ) => 'breaker_open' !== $a['error_class'] ) );
		$this->assertCount( 1, $probes, 'Exactly one run tried the route; the others skipped it.' );
		$this->assertSame( 'timeout', reset( $probes )['attempts'][0]['error_class'] );
		$this->assertSame( 'open', $this->site_breakers( array( $subject ) )['route'][0], 'The failed probe opened it again, for a new cool-down.' );
	}

	public function test_a_success_resets_failures_recorded_while_it_was_in_flight(): void {
		// One key, two models: the fake provider answers by model, so the two routes share the key's breaker.
		$provider = $this->provider( '' );
		$key      = $this->key( $provider );
		$slow_ok  = $this->feature( $provider, 2000, 'slow-700', '-ok' );
		$failing  = $this->feature( $provider, 2000, 'fail-503', '-down' );
		$subject  = 'key:' . $provider . ':' . $key;

		// The slow run reads a clean breaker, two failing runs add 4 failures, then the slow run succeeds.
		$runs = $this->parallel_runs( array( $slow_ok, $failing, $failing ), 250 );
		$this->assertSame( 'success', $runs[0]['status'] ?? '', (string) wp_json_encode( $runs[0] ) );
		$this->assertSame( array( 'key' => array( 'closed', 0 ) ), $this->site_breakers( array( $subject ) ), 'The last outcome was a success: no failures in a row.' );

		$this->parallel_runs( array( $failing ) );
		$this->assertSame( array( 'key' => array( 'closed', 2 ) ), $this->site_breakers( array( $subject ) ), 'Two failures since the success: the key stays in use.' );
	}

	public function test_deleting_a_key_and_a_provider_removes_their_state(): void {
		$provider = $this->provider( 'fail-503' );
		$key      = $this->key( $provider );
		$feature  = $this->feature( $provider );
		$this->parallel_runs( array( $feature ) );
		$route_subject = 'route:' . $provider . '/gpt-4o-mini';
		$key_subject   = 'key:' . $provider . ':' . $key;
		$this->assertSame(
			array(
				'route' => array( 'closed', 2 ),
				'key'   => array( 'closed', 2 ),
			),
			$this->site_breakers( array( $route_subject, $key_subject ) )
		);

		$this->http( 'DELETE', '/providers/' . $provider . '/keys/' . $key );
		$this->assertSame( array( 'key' => array( 'closed', 0 ) ), $this->site_breakers( array( $key_subject ) ), 'The key\'s breaker went with it.' );

		$this->http( 'DELETE', '/features/' . $feature );
		$this->http( 'DELETE', '/providers/' . $provider );
		$this->features  = array();
		$this->providers = array();
		$this->assertSame( array( 'route' => array( 'closed', 0 ) ), $this->site_breakers( array( $route_subject ) ), 'The route\'s breaker went with the provider.' );
		$this->assertSame( 0, $this->on_site( static fn() => ( new \AI_Failover\Diagnostics\State_Repository() )->count( $provider ) ), 'No row of the provider is left.' );
	}

	public function test_an_error_rate_opens_the_breaker_once_under_concurrent_runs_and_counts_every_request(): void {
		// No route in the path: the key's secret picks the fake route.
		$provider = $this->provider( '' );
		$healthy  = $this->key( $provider, 'ok' );
		$feature  = $this->feature(
			$provider,
			2000,
			'gpt-4o-mini',
			'',
			array(
				'retry'              => array( 'attempts_per_route' => 1 ),
				'error_rate_breaker' => array(
					'enabled'      => true,
					'percent'      => 5,
					'min_requests' => 16,
					'window_s'     => 60,
				),
			)
		);
		$route    = 'route:' . $provider . '/gpt-4o-mini';
		$window   = fn(): array => $this->on_site( static fn() => ( new WP_State_Store() )->window( Circuit_Breaker::window_subject( $route ), (int) floor( microtime( true ) * 1000 ) - 60000 ) );

		$answers = $this->parallel_runs( array_fill( 0, 16, $feature ) );
		$this->assertCount( 16, array_filter( $answers, static fn( array $run ) => 'success' === ( $run['status'] ?? '' ) ) );
		$this->assertSame(
			array(
				'requests' => 16,
				'failures' => 0,
			),
			$window(),
			'16 concurrent successes, none lost.'
		);

		// The route goes down: 4 concurrent failures, below the 5 in a row, but 1 of 17 is over 5 %.
		$this->http( 'DELETE', '/providers/' . $provider . '/keys/' . $healthy );
		$this->key( $provider, 'fail-503' );
		$failing  = $this->parallel_runs( array_fill( 0, 4, $feature ) );
		$attempts = array_merge( ...array_map( static fn( array $run ) => $run['attempts'] ?? array(), $failing ) );
		$upstream = array_filter( $attempts, static fn( array $a ) => 503 === $a['http_status'] );
		$opening  = array_filter( $attempts, static fn( array $a ) => str_contains( (string) $a['reason'], 'circuit breaker opened' ) );

		$this->assertNotEmpty( $upstream );
		$this->assertCount( 1, $opening, 'Exactly one worker opened the breaker and its attempt says why: ' . wp_json_encode( $attempts ) );
		$this->assertStringContainsString( 'at or over this feature\'s error-rate limit of 5 %', (string) reset( $opening )['reason'] );
		$this->assertSame(
			array(
				'requests' => 16 + count( $upstream ),
				'failures' => count( $upstream ),
			),
			$window(),
			'Every upstream request counted once.'
		);
		$this->assertSame( array( 'route' => array( 'open', count( $upstream ) ) ), $this->site_breakers( array( $route ) ), 'Open with fewer than 5 failures in a row: the rate opened it.' );

		$skipped = $this->parallel_runs( array( $feature ) )[0];
		$this->assertSame( array( 'breaker_open' ), array_column( $skipped['attempts'], 'error_class' ), 'The next run does not contact the route.' );
	}

	public function test_a_budget_reached_mid_day_downgrades_then_stops_and_concurrent_runs_never_pass_the_cap(): void {
		$provider = $this->provider( '' );
		$this->key( $provider, 'ok' );
		$id               = $provider . '-budget';
		$spec             = array(
			'id'        => $id,
			'label'     => $id,
			'primary'   => array(
				'provider_id' => $provider,
				'model'       => 'gpt-4o',
			),
			'fallbacks' => array(
				array(
					'provider_id' => $provider,
					'model'       => 'gpt-4o-mini',
				),
			),
			'retry'     => array( 'attempts_per_route' => 1 ),
			'budget'    => array( 'daily_usd' => 1 ),
		);
		$cap              = function ( float $usd ) use ( $spec ): void {
			$spec['budget'] = array( 'daily_usd' => $usd );
			$this->http( 'PUT', '/features/' . $spec['id'], $spec, 200 );
		};
		$account          = 'feature:' . $id . '@day:' . wp_date( 'Y-m-d' );
		$spent            = fn(): float => $this->on_site( static fn() => ( new \AI_Failover\Diagnostics\State_Repository() )->spent( $account ) / 1000000 );
		$this->http( 'POST', '/features', $spec, 201 );
		$this->features[] = $id;

		$first = $this->parallel_runs( array( $id ) )[0];
		$this->assertSame( 'gpt-4o', $first['served_by']['model'] ?? '', (string) wp_json_encode( $first ) );
		$this->assertGreaterThan( 0, $first['output']['estimated_cost'] );
		$this->assertEqualsWithDelta( $first['output']['estimated_cost'], $spent(), 0.000002, 'The recorded cost is what the budget counts.' );

		// Earlier today the feature spent $0.50 more (a few thousand such runs); then its limit is set so that
		// what it spent is 85 % of it: the cheaper route goes first.
		$this->on_site( static fn() => ( new \AI_Failover\Diagnostics\State_Repository() )->settle_spend( $account, 0, 500000 ) );
		$cap( $spent() / 0.85 );
		$second = $this->parallel_runs( array( $id ) )[0];
		$this->assertSame( 'gpt-4o-mini', $second['served_by']['model'] ?? '', (string) wp_json_encode( $second ) );
		$this->assertStringContainsString( 'Budget: the feature\'s daily budget is at', $second['attempts'][0]['reason'] );

		// At the limit: no route fits, the run stops before any upstream request.
		$cap( $spent() );
		$before  = count( (array) json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests' ) ), true ) );
		$stopped = $this->parallel_runs( array( $id ) )[0];
		$after   = count( (array) json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests' ) ), true ) );
		$this->assertSame( 'failed', $stopped['status'] );
		$this->assertSame( 'over_spend_budget', $stopped['error']['class'] ?? '' );
		$this->assertSame( array( 'skipped', 'skipped' ), array_column( $stopped['attempts'], 'outcome' ) );
		$this->assertSame( $before, $after, 'Zero upstream requests.' );

		// Room for about one more estimate (gpt-4o-mini, 1024 output tokens: $0.000615): 6 runs at once never pass the cap.
		$limit = $spent() + 0.0009;
		$cap( $limit );
		$start = $spent();
		$runs  = $this->parallel_runs( array_fill( 0, 6, $id ) );
		$paid  = array_sum( array_map( static fn( array $run ) => (float) ( $run['output']['estimated_cost'] ?? 0 ), $runs ) );
		$this->assertLessThanOrEqual( $limit + 0.000001, $spent(), 'Never past the cap.' );
		$this->assertEqualsWithDelta( $start + $paid, $spent(), 0.00001, 'Every answered run counted, nothing reserved left behind.' );
		foreach ( $runs as $run ) {
			$this->assertContains( $run['error']['class'] ?? 'answered', array( 'answered', 'over_spend_budget' ), (string) wp_json_encode( $run ) );
		}
	}

	/**
	 * Creates a provider whose every request gets the fake route $route ('' = decided by the model).
	 */
	private function provider( string $route, string $suffix = '' ): string {
		$id         = $this->tag . $suffix;
		$route_path = '' !== $route ? '/r/' . $route : '';
		$this->http(
			'POST',
			'/providers',
			array(
				'id'                    => $id,
				'label'                 => $id,
				'preset'                => 'openai',
				'base_url'              => $this->fake . $route_path . '/v1',
				'allow_private_network' => true,
			),
			201
		);
		$this->providers[] = $id;
		return $id;
	}

	/**
	 * Adds a key to a provider; returns its id. Its secret names the fake route the key gets
	 * when the provider's address names none.
	 */
	private function key( string $provider, string $route = 'any' ): string {
		$view = $this->http(
			'POST',
			'/providers/' . $provider . '/keys',
			array(
				'label'  => 'a',
				'secret' => 'fk-' . $route . '-' . wp_generate_password( 12, false ),
			),
			201
		);
		return (string) $view['id'];
	}

	/**
	 * A feature with the provider as its only route: two attempts, a short backoff.
	 *
	 * @param array<string, mixed> $extra Fields replacing the defaults.
	 */
	private function feature( string $provider, int $timeout_ms = 2000, string $model = 'gpt-4o-mini', string $suffix = '', array $extra = array() ): string {
		$id = $provider . $suffix;
		$this->http(
			'POST',
			'/features',
			array_replace_recursive(
				array(
					'id'        => $id,
					'label'     => $id,
					'primary'   => array(
						'provider_id' => $provider,
						'model'       => $model,
					),
					'fallbacks' => array(),
					'retry'     => array(
						'attempts_per_route' => 2,
						'base_delay_ms'      => 10,
						'max_delay_ms'       => 20,
						'total_budget_ms'    => 20000,
					),
					'timeouts'  => array(
						'connect_ms'    => 1000,
						'first_byte_ms' => $timeout_ms,
						'total_ms'      => $timeout_ms,
					),
				),
				$extra
			),
			201
		);
		$this->features[] = $id;
		return $id;
	}

	/**
	 * Runs the features all at once (curl_multi: every request is in flight before any answers).
	 *
	 * @param list<string> $features Feature ids, one request each.
	 * @param int          $head_ms  When > 0, the first request goes alone and the others follow this much later.
	 * @return list<array<string, mixed>> The decoded run results.
	 */
	private function parallel_runs( array $features, int $head_ms = 0 ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $features as $index => $feature ) {
			if ( 1 === $index && $head_ms > 0 ) {
				$until = microtime( true ) + $head_ms / 1000;
				while ( microtime( true ) < $until ) {
					curl_multi_exec( $multi, $running );
					curl_multi_select( $multi, 0.01 );
				}
			}
			$handle = curl_init( $this->site . '/wp-json/ai-failover/v1/features/' . $feature . '/run' );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_POSTFIELDS     => '{"messages":[{"role":"user","content":"Hi"}]}',
					CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json', 'Authorization: ' . $this->auth ),
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 30,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$runs = array();
		foreach ( $handles as $handle ) {
			$body = json_decode( (string) curl_multi_getcontent( $handle ), true );
			$this->assertSame( 200, curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ), (string) curl_multi_getcontent( $handle ) );
			$runs[] = is_array( $body ) ? $body : array();
			curl_multi_remove_handle( $multi, $handle );
			curl_close( $handle );
		}
		curl_multi_close( $multi );
		return $runs;
	}

	/**
	 * One REST call to the site over HTTP.
	 *
	 * @param string                    $method Method.
	 * @param string                    $path   Path under /ai-failover/v1.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @param int|null                  $status Expected status.
	 * @return mixed Decoded body.
	 */
	private function http( string $method, string $path, ?array $body = null, ?int $status = null ): mixed {
		$response = wp_remote_request(
			$this->site . '/wp-json/ai-failover/v1' . $path,
			array(
				'method'  => $method,
				'headers' => array(
					'Authorization' => $this->auth,
					'Content-Type'  => 'application/json',
				),
				'body'    => null === $body ? null : wp_json_encode( $body ),
				'timeout' => 30,
			)
		);
		$this->assertIsArray( $response, is_wp_error( $response ) ? $response->get_error_message() : '' );
		if ( null !== $status ) {
			$this->assertSame( $status, wp_remote_retrieve_response_code( $response ), $method . ' ' . $path . ': ' . wp_remote_retrieve_body( $response ) );
		}
		return json_decode( wp_remote_retrieve_body( $response ), true );
	}

	/**
	 * Breaker state and failures as the site's next run reads them.
	 *
	 * @param list<string> $subjects Subjects (first a route, then a key, as labelled).
	 * @return array<string, array{0: string, 1: int}>
	 */
	private function site_breakers( array $subjects ): array {
		return $this->on_site(
			static function () use ( $subjects ): array {
				$breakers = new Circuit_Breaker( new WP_State_Store(), new System_Clock(), new WP_Event_Sink() );
				$seen     = array();
				foreach ( $subjects as $subject ) {
					$seen[ strstr( $subject, ':', true ) ] = array( $breakers->state( $subject ), $breakers->failures( $subject ) );
				}
				return $seen;
			}
		);
	}

	/**
	 * Runs $read against the site's database (the rig serves `wordpress`; the tests own `wordpress_test`).
	 *
	 * @template T
	 * @param callable(): T $read Reader.
	 * @return T
	 */
	private function on_site( callable $read ): mixed {
		global $wpdb, $table_prefix;
		$tests = $wpdb;
		$site  = new \wpdb( DB_USER, DB_PASSWORD, getenv( 'WP_SITE_DB_NAME' ) ?: 'wordpress', DB_HOST ); // phpcs:ignore WordPress.WP.CapitalPDangit -- the rig's database name.
		$site->set_prefix( $table_prefix );
		$wpdb = $site; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- read the other database through the same code paths, then put the tests' back.
		wp_cache_flush();
		try {
			return $read();
		} finally {
			$wpdb = $tests; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			$site->close();
			wp_cache_flush();
		}
	}
}
