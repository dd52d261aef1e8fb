<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Tests\Integration\Security\Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A drill of a feature's chain over real HTTP against the rig's site and the fake provider: the
 * primary is made to fail with 503, then 429, then a timeout (never called: the engine's drill
 * answers for it), the fallback is called for real each time, the result says the chain held,
 * how long it took and what it cost, and it is kept (GET /drills). A chain with no fallback does
 * not hold, and says why.
 *
 * @covers \AI_Failover\Governance\Drill_Schedule
 * @covers \AI_Failover\Governance\Drill_Results
 * @covers \AI_Failover\REST\Drills_Controller
 */
final class Drills_Over_Http_Test extends Test_Case {

	private string $id = '';

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() || '' === (string) getenv( 'FAKE_PROVIDER_URL' ) ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD / FAKE_PROVIDER_URL are not set: source .rig/test/env.sh and start the fake provider (npm test does).' );
		}
		$this->fake = rtrim( (string) getenv( 'FAKE_PROVIDER_URL' ), '/' );
		$this->id   = 'drl-' . strtolower( wp_generate_password( 8, false ) );
		$this->admin( 201, 'POST', '/ai-failover/v1/providers', array( 'id' => $this->id, 'label' => 'Drills HTTP', 'preset' => 'openai', 'base_url' => $this->fake . '/v1', 'allow_private_network' => true ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin( 201, 'POST', '/ai-failover/v1/providers/' . $this->id . '/keys', array( 'label' => 'k', 'secret' => 'sk-plain-' . $this->id ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		// The fallback on another provider: a 429 rests the primary provider's key, which a
		// fallback on the same provider would share (a drill of that chain rightly fails on 429).
		$this->admin( 201, 'POST', '/ai-failover/v1/providers', array( 'id' => $this->id . '-b', 'label' => 'Drills HTTP backup', 'preset' => 'openai', 'base_url' => $this->fake . '/v1', 'allow_private_network' => true ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin( 201, 'POST', '/ai-failover/v1/providers/' . $this->id . '-b/keys', array( 'label' => 'k', 'secret' => 'sk-plain-b-' . $this->id ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
	}

	protected function tear_down(): void {
		foreach ( array( $this->id, $this->id . '-solo' ) as $feature ) {
			Site::admin( 'DELETE', '/ai-failover/v1/features/' . $feature );
		}
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $this->id . '?force=true' );
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $this->id . '-b?force=true' );
		parent::tear_down();
	}

	public function test_a_drill_injects_each_failure_on_the_primary_and_the_fallback_answers_each_time(): void {
		$this->feature( $this->id, true );

		$result = $this->admin( 200, 'POST', '/ai-failover/v1/features/' . $this->id . '/drills' );

		$this->assertTrue( $result['held'], wp_json_encode( $result ) );
		$this->assertSame( 'manual', $result['trigger'] );
		$this->assertSame( array( 'server', 'rate_limited', 'timeout' ), array_column( $result['steps'], 'error_class' ) );
		$this->assertSame( array_fill( 0, 3, $this->id . '-b/ok+' . $this->id . '-backup' ), array_column( $result['steps'], 'served_by' ) );
		$this->assertGreaterThan( 0, $result['duration_ms'] );
		$this->assertSame( 0, $this->upstream( 'ok+' . $this->id . '-primary' ), 'The drilled primary is never called.' );
		$this->assertSame( 3, $this->upstream( 'ok+' . $this->id . '-backup' ), 'The fallback is called for real, once per drilled failure.' );

		$kept = array_values( array_filter( $this->admin( 200, 'GET', '/ai-failover/v1/drills' ), fn( array $row ): bool => $row['feature'] === $this->id ) );
		$this->assertCount( 1, $kept );
		$this->assertSame( $result, $kept[0]['results'][0], 'The result is kept as it was returned.' );
		$this->assertNotNull( $kept[0]['next_at'] );
	}

	public function test_a_deleted_feature_s_results_are_not_shown_for_a_new_feature_of_the_same_id(): void {
		$this->feature( $this->id, true );
		$this->admin( 200, 'POST', '/ai-failover/v1/features/' . $this->id . '/drills' );
		$this->admin( 200, 'DELETE', '/ai-failover/v1/features/' . $this->id );

		$this->feature( $this->id, true );

		$kept = array_values( array_filter( $this->admin( 200, 'GET', '/ai-failover/v1/drills' ), fn( array $row ): bool => $row['feature'] === $this->id ) );
		$this->assertCount( 1, $kept );
		$this->assertSame( array(), $kept[0]['results'], 'The new feature was never drilled.' );
	}

	public function test_a_chain_without_a_fallback_does_not_hold_and_says_why(): void {
		$this->feature( $this->id . '-solo', false );

		$result = $this->admin( 200, 'POST', '/ai-failover/v1/features/' . $this->id . '-solo/drills' );

		$this->assertFalse( $result['held'] );
		$this->assertSame( array( false, false, false ), array_column( $result['steps'], 'held' ) );
		$this->assertSame( '', $result['steps'][0]['served_by'] );
		$this->assertNotSame( '', $result['steps'][0]['reason'] );
		$this->assertSame( 404, Site::admin( 'POST', '/ai-failover/v1/features/none-such/drills' )['status'] );
	}

	/**
	 * @param string $id       Feature id.
	 * @param bool   $fallback With a fallback route.
	 */
	private function feature( string $id, bool $fallback ): void {
		$this->admin(
			201,
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'        => $id,
				'label'     => 'Drilled',
				'primary'   => array(
					'provider_id' => $this->id,
					'model'       => 'ok+' . $this->id . '-primary',
				),
				'fallbacks' => $fallback ? array(
					array(
						'provider_id' => $this->id . '-b',
						'model'       => 'ok+' . $this->id . '-backup',
					),
				) : array(),
				'triggers'  => array( 'rate_limited' => true ),
				'retry'     => array(
					'attempts_per_route' => 1,
					'base_delay_ms'      => 0,
					'max_delay_ms'       => 0,
				),
				'drills'    => array( 'enabled' => true ),
			)
		);
	}

	/**
	 * @param string $route Fake provider route (counter key).
	 */
	private function upstream( string $route ): int {
		$stats = json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__stats' ) ), true );
		return (int) ( $stats['routes'][ $route ]['requests'] ?? 0 );
	}

	/**
	 * @param int                       $status Expected status.
	 * @param string                    $method Method.
	 * @param string                    $route  Route under /wp-json.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @return array<mixed>
	 */
	private function admin( int $status, string $method, string $route, ?array $body = null ): array {
		$response = Site::admin( $method, $route, $body );
		$this->assertSame( $status, $response['status'], $method . ' ' . $route . ': ' . $response['raw'] );
		return is_array( $response['body'] ) ? $response['body'] : array();
	}
}
