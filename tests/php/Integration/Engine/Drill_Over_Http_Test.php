<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Drills change nothing real, proven over real HTTP against the rig's site (its own database,
 * php-fpm workers, the REST request WordPress really serves) and the fake provider: after a drill
 * of a rejected key the key still serves; six drilled 5xx runs leave the real breaker closed; the
 * health panel's figures do not move.
 *
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Drill
 * @covers \AI_Failover\Diagnostics\Health_Report
 */
final class Drill_Over_Http_Test extends Test_Case {

	private string $site = '';

	/** Provider and feature id, new for each run: the site's breaker and key states start empty. */
	private string $id = '';

	protected function set_up(): void {
		parent::set_up();
		$this->site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
		if ( '' === $this->site || '' === (string) getenv( 'WP_APP_PASSWORD' ) ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD are not set: source .rig/test/env.sh (npm test does).' );
		}
		$fake     = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		$this->id = 'drill-' . strtolower( wp_generate_password( 8, false ) );
		$this->expect_status(
			201,
			'POST',
			'/providers',
			array(
				'id'                    => $this->id,
				'label'                 => 'Drill HTTP',
				'preset'                => 'openai',
				'base_url'              => $fake . '/r/ok+drillhttp/v1',
				'allow_private_network' => true,
			)
		);
		$this->expect_status(
			201,
			'POST',
			'/providers/' . $this->id . '/keys',
			array(
				'label'  => 'only-key',
				'secret' => 'fk-ok-drillhttp-k1',
			)
		);
		$this->expect_status(
			201,
			'POST',
			'/features',
			array(
				'id'      => $this->id,
				'label'   => 'Drill over HTTP',
				'primary' => array(
					'provider_id' => $this->id,
					'model'       => 'gpt-4o-mini',
				),
				'retry'   => array(
					'attempts_per_route' => 2,
					'base_delay_ms'      => 0,
					'max_delay_ms'       => 0,
				),
			)
		);
	}

	protected function tear_down(): void {
		$this->cleanup();
		parent::tear_down();
	}

	public function test_a_drill_leaves_keys_breakers_and_health_as_they_were(): void {
		$health_before = $this->route_health();

		$drill = $this->run_feature( 'auth' );
		$this->assertSame( 'keys_exhausted', $drill['error']['class'], 'In the drill, the only key was rejected.' );
		$this->assertTrue( $drill['simulated'] );
		$this->assertSame( array( true ), array_values( array_unique( array_column( $drill['attempts'], 'simulated' ) ) ), 'Every attempt of the drill is marked simulated.' );

		for ( $i = 0; $i < 6; $i++ ) {
			$this->assertSame( 'server', $this->run_feature( 'server' )['error']['class'] );
		}
		$this->assertSame( $health_before, $this->route_health(), 'Drills do not count in the health figures.' );

		$real = $this->run_feature();
		$this->assertSame( 'success', $real['status'], 'The real run still has its key: ' . wp_json_encode( $real['error'] ) );
		$this->assertSame( 'only-key', $real['served_by']['key_label'] );
		$this->assertSame( array( 'success' ), array_column( $real['attempts'], 'outcome' ), 'Not skipped by an open breaker, not degraded.' );
		$this->assertFalse( $real['degraded'] );

		$row = $this->route_health();
		$this->assertNotNull( $row );
		$this->assertSame( 'closed', $row['breaker'], 'Twelve drilled 503s left the real breaker closed.' );
		$this->assertSame( 1, $row['requests'], 'Only the real run counts.' );
	}

	/**
	 * @param string|null $drill Error class to drill on the route, or null for a real run.
	 * @return array<string, mixed>
	 */
	private function run_feature( ?string $drill = null ): array {
		$body = array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Drill me.',
				),
			),
		);
		if ( null !== $drill ) {
			$body['simulate'] = array(
				array(
					'route'       => $this->id . '/gpt-4o-mini',
					'error_class' => $drill,
				),
			);
		}
		return $this->expect_status( 200, 'POST', '/features/' . $this->id . '/run', $body );
	}

	/**
	 * The health row of the drilled route, or null when it has no (counted) traffic.
	 *
	 * @return array<string, mixed>|null
	 */
	private function route_health(): ?array {
		// Only this feature's routes: the panel lists the 200 busiest routes, and the whole suite shares the rig.
		foreach ( $this->expect_status( 200, 'GET', '/health?window=24h&feature=' . $this->id ) as $row ) {
			if ( 'route' === $row['kind'] && $this->id . '/gpt-4o-mini' === $row['subject'] ) {
				unset( $row['series'] );
				return $row;
			}
		}
		return null;
	}

	private function cleanup(): void {
		$this->http( 'DELETE', '/features/' . $this->id );
		$this->http( 'DELETE', '/providers/' . $this->id . '?force=true' );
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
