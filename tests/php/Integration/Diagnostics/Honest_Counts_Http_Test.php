<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * The incident of issue 12, over real HTTP against the rig's site and the fake provider: a primary
 * that answers 503, a fallback that works, 13 runs. The breaker opens after five failures, so most
 * runs skip the primary at once. Every one of the 13 was served by the fallback, and Diagnostics must
 * say so: per route by run (13 runs, 0 served, 13 fell back, N after a breaker skip) and by attempt
 * (sent, skipped, errors), both labelled; the summary figures say 13 served by fallback; the alert
 * fires (a skip is a fallback); a drill counts nowhere unless asked for.
 *
 * @covers \AI_Failover\Diagnostics\Health_Report
 * @covers \AI_Failover\Diagnostics\Event_Rollups
 * @covers \AI_Failover\Diagnostics\Alerts
 * @covers \AI_Failover\REST\Events_Controller
 */
final class Honest_Counts_Http_Test extends Test_Case {

	private const RUNS = 13;

	private string $site = '';

	/** Provider / feature ids, new for each test: the site's breakers start closed. */
	private string $id = '';

	protected function set_up(): void {
		parent::set_up();
		$this->site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		if ( '' === $this->site || '' === (string) getenv( 'WP_APP_PASSWORD' ) ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD are not set: source .rig/test/env.sh (npm test does).' );
		}
		$fake     = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		$this->id = 'honest-' . strtolower( wp_generate_password( 8, false ) );
		foreach ( array(
			'p' => 'fail-503',
			'b' => 'ok',
		) as $suffix => $route ) {
			$this->expect_status(
				201,
				'POST',
				'/providers',
				array(
					'id'                    => $this->id . '-' . $suffix,
					'label'                 => 'Honest ' . $suffix,
					'preset'                => 'openai',
					'base_url'              => $fake . '/r/' . $route . '+' . $this->id . '/v1',
					'allow_private_network' => true,
				)
			);
			$this->expect_status(
				201,
				'POST',
				'/providers/' . $this->id . '-' . $suffix . '/keys',
				array(
					'label'  => 'k1',
					'secret' => 'fk-x-' . $suffix . $this->id,
				)
			);
		}
		$this->expect_status(
			201,
			'POST',
			'/features',
			array(
				'id'        => $this->id,
				'label'     => 'Honest counts',
				'primary'   => array(
					'provider_id' => $this->id . '-p',
					'model'       => 'gpt-4o-mini',
				),
				'fallbacks' => array(
					array(
						'provider_id' => $this->id . '-b',
						'model'       => 'gpt-4o-mini',
					),
				),
				'retry'     => array(
					'attempts_per_route' => 2,
					'base_delay_ms'      => 0,
					'max_delay_ms'       => 0,
				),
			)
		);
	}

	protected function tear_down(): void {
		$this->http( 'DELETE', '/features/' . $this->id );
		foreach ( array( 'p', 'b' ) as $suffix ) {
			$this->http( 'DELETE', '/providers/' . $this->id . '-' . $suffix . '?force=true' );
		}
		parent::tear_down();
	}

	public function test_thirteen_runs_served_by_the_fallback_are_counted_by_run_and_by_attempt_and_alert(): void {
		$primary  = $this->id . '-p/gpt-4o-mini';
		$fallback = $this->id . '-b/gpt-4o-mini';
		// What the runs themselves say, to check the figures against (never hard-coded).
		$sent          = 0;
		$skipped       = 0;
		$errors        = 0;
		$breaker_skips = 0;
		for ( $i = 0; $i < self::RUNS; $i++ ) {
			$run = $this->run_feature();
			$this->assertSame( 'success', $run['status'], wp_json_encode( $run ) );
			$this->assertSame( $fallback, $run['served_by']['route'] ?? ( $run['served_by']['provider_id'] . '/' . $run['served_by']['model'] ) );
			$on_primary = array_values( array_filter( $run['attempts'], static fn( array $a ): bool => $primary === $a['route'] ) );
			$was_skip   = false;
			foreach ( $on_primary as $attempt ) {
				if ( 'skipped' === $attempt['outcome'] ) {
					++$skipped;
					$was_skip = $was_skip || 'breaker_open' === $attempt['error_class'];
				} else {
					++$sent;
					$errors += 'error' === $attempt['outcome'] ? 1 : 0;
				}
			}
			$breaker_skips += $was_skip ? 1 : 0;
		}
		$this->assertGreaterThan( 0, $breaker_skips, 'The breaker opened and later runs skipped the primary.' );
		$this->assertGreaterThan( 0, $sent );

		// One drill on top: counted nowhere by default.
		$drill = $this->run_feature( true );
		$this->assertTrue( $drill['simulated'] );

		$row = $this->health_row( $primary );
		$this->assertSame( self::RUNS, $row['runs'], 'By run: every run tried the primary (the drill is left out).' );
		$this->assertSame( 0, $row['runs_served'] );
		$this->assertSame( self::RUNS, $row['runs_fell_back'], 'A breaker skip is a fallback.' );
		$this->assertSame( $breaker_skips, $row['runs_breaker_skipped'] );
		$this->assertSame( 1.0, (float) $row['fallback_rate'], 'The fallback rate is by run: 13 of 13.' );
		$this->assertSame( $sent + $skipped, $row['attempts'], 'By attempt: sent and skipped.' );
		$this->assertSame( $sent, $row['requests'], 'Attempts sent upstream.' );
		$this->assertSame( $skipped, $row['skipped'] );
		$this->assertSame( 1.0, (float) $row['error_rate'], 'Every attempt sent to the primary failed.' );

		// Since when: the breaker's opening and next probe, each error class's first and last attempt.
		$this->assertSame( 'open', $row['breaker'] );
		$opened = strtotime( (string) $row['breaker_opened_at'] );
		$this->assertNotFalse( $opened );
		$this->assertEqualsWithDelta( time(), $opened, 120 );
		$this->assertSame( 30, strtotime( (string) $row['breaker_next_probe_at'] ) - $opened, 'The next probe: 30 s cooldown after it opened.' );
		$classes = array_column( $row['errors_by_class'], null, 'error_class' );
		$this->assertSame( $breaker_skips, $classes['breaker_open']['count'] ?? null );
		$this->assertGreaterThanOrEqual( $classes['server']['first_seen'], $classes['breaker_open']['first_seen'], 'The first skip came after the first 503.' );
		$this->assertGreaterThanOrEqual( $classes['breaker_open']['first_seen'], $classes['breaker_open']['last_seen'] );

		$backup = $this->health_row( $fallback );
		$this->assertSame( self::RUNS, $backup['runs'] );
		$this->assertSame( self::RUNS, $backup['runs_served'] );
		$this->assertSame( 0, $backup['runs_fell_back'] );

		$summary = $this->expect_status( 200, 'GET', '/summary?window=24h&feature=' . $this->id );
		$this->assertSame( self::RUNS, $summary['runs'] );
		$this->assertSame( self::RUNS, $summary['served_by_fallback'] );
		$this->assertSame( 0, $summary['failed'] );
		$this->assertContains( 'fallback_rate:' . $this->id, array_column( $summary['alerts'], 'condition' ), 'Served by its fallback 13 of 13 times: the alert fires.' );

		// The filter dropdowns offer what the log has.
		$facets = $this->expect_status( 200, 'GET', '/events/facets' );
		$this->assertContains( $this->id, $facets['features'] );
		$this->assertContains( $this->id . '-p', $facets['providers'] );
		$this->assertContains( 'breaker_open', $facets['error_classes'] );
		$this->assertSame( array(), $facets['steps'], 'Steps only for a chosen workflow.' );

		$with_drills = $this->expect_status( 200, 'GET', '/summary?window=24h&simulated=true&feature=' . $this->id );
		$this->assertSame( self::RUNS + 1, $with_drills['runs'], 'Asked for, the drill counts.' );
		$this->assertSame( self::RUNS + 1, $this->health_row( $primary, true )['runs'] );
	}

	/**
	 * @param bool $drill Drill a 503 on the primary instead of a real run.
	 * @return array<string, mixed>
	 */
	private function run_feature( bool $drill = false ): array {
		$body = array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Count me honestly.',
				),
			),
		);
		if ( $drill ) {
			$body['simulate'] = array(
				array(
					'route'       => $this->id . '-p/gpt-4o-mini',
					'error_class' => 'server',
				),
			);
		}
		return $this->expect_status( 200, 'POST', '/features/' . $this->id . '/run', $body );
	}

	/**
	 * @param string $route     Route.
	 * @param bool   $simulated Count drills too.
	 * @return array<string, mixed>
	 */
	private function health_row( string $route, bool $simulated = false ): array {
		foreach ( $this->expect_status( 200, 'GET', '/health?window=24h&feature=' . $this->id . ( $simulated ? '&simulated=true' : '' ) ) as $row ) {
			if ( 'route' === $row['kind'] && $route === $row['subject'] ) {
				return $row;
			}
		}
		$this->fail( 'No health row for ' . $route );
	}

	/**
	 * @param int                       $status Expected HTTP status.
	 * @param string                    $method Method.
	 * @param string                    $path   Path under the plugin's namespace.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array<mixed>
	 */
	private function expect_status( int $status, string $method, string $path, ?array $body = null ): array {
		list( $code, $data ) = $this->http( $method, $path, $body );
		$this->assertSame( $status, $code, $method . ' ' . $path . ': ' . wp_json_encode( $data ) );
		return is_array( $data ) ? $data : array();
	}

	/**
	 * One real HTTP request to the rig's site as its administrator (application password).
	 *
	 * @param string                    $method Method.
	 * @param string                    $path   Path under the plugin's namespace.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array{0: int, 1: mixed}
	 */
	private function http( string $method, string $path, ?array $body = null ): array {
		$response = wp_remote_request(
			$this->site . '/wp-json/ai-failover/v1' . $path,
			array(
				'method'  => $method,
				'timeout' => 20,
				'headers' => array(
					'Authorization' => 'Basic ' . base64_encode( 'admin:' . getenv( 'WP_APP_PASSWORD' ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
					'Content-Type'  => 'application/json',
				),
				'body'    => null === $body ? null : wp_json_encode( $body ),
			)
		);
		if ( is_wp_error( $response ) ) {
			$this->fail( $method . ' ' . $path . ': ' . $response->get_error_message() );
		}
		return array( (int) wp_remote_retrieve_response_code( $response ), json_decode( wp_remote_retrieve_body( $response ), true ) );
	}
}
