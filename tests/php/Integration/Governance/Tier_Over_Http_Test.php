<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Tests\Integration\Security\Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Paid tiers over real HTTP against the rig's site and the fake provider: the primary answers
 * 503, the fallback works. A role without a fallback right fails on the primary, is told why, and
 * the fallback route's counter stays at zero; a role with it is served by the fallback, and the
 * result and the workflow run flag the notice that must be shown.
 *
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Feature_Policy
 * @covers \AI_Failover\Engine\Run_Result
 * @covers \AI_Failover\Workflows\Workflow_Run
 * @covers \AI_Failover\Features\Feature_Repository
 */
final class Tier_Over_Http_Test extends Test_Case {

	private const NOTICE = 'Our premium model is busy: a standard model answered.';

	private string $id = '';

	private string $fake = '';

	private int $workflow = 0;

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() || '' === (string) getenv( 'FAKE_PROVIDER_URL' ) ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD / FAKE_PROVIDER_URL are not set: source .rig/test/env.sh and start the fake provider (npm test does).' );
		}
		$this->fake = rtrim( (string) getenv( 'FAKE_PROVIDER_URL' ), '/' );
		$this->id   = 'tier-' . strtolower( wp_generate_password( 8, false ) );
		$this->admin( 201, 'POST', '/ai-failover/v1/providers', array( 'id' => $this->id, 'label' => 'Tier HTTP', 'preset' => 'openai', 'base_url' => $this->fake . '/v1', 'allow_private_network' => true ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin( 201, 'POST', '/ai-failover/v1/providers/' . $this->id . '/keys', array( 'label' => 'k', 'secret' => 'sk-plain-' . $this->id ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin(
			201,
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'              => $this->id,
				'label'           => 'Premium summary',
				'primary'         => array(
					'provider_id' => $this->id,
					'model'       => 'fail-503+' . $this->id,
				),
				'fallbacks'       => array(
					array(
						'provider_id' => $this->id,
						'model'       => 'ok+' . $this->id,
					),
				),
				'retry'           => array(
					'attempts_per_route' => 1,
					'base_delay_ms'      => 0,
					'max_delay_ms'       => 0,
				),
				'degraded_notice' => self::NOTICE,
				'tier'            => array(
					'notice_required' => true,
					'fallback_roles'  => array( 'editor' ),
				),
			)
		);
	}

	protected function tear_down(): void {
		if ( $this->workflow ) {
			Site::admin( 'DELETE', '/wp/v2/aifo-workflows/' . $this->workflow . '?force=true' );
		}
		Site::admin( 'DELETE', '/ai-failover/v1/features/' . $this->id );
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $this->id . '?force=true' );
		Site::forget_users();
		parent::tear_down();
	}

	public function test_only_the_listed_role_is_served_by_the_fallback_and_its_notice_is_flagged(): void {
		$refused = $this->run_as( 'administrator' );
		$this->assertSame( 200, $refused['status'], $refused['raw'] );
		$this->assertSame( 'failed', $refused['body']['status'] );
		$this->assertSame( 'server', $refused['body']['error']['class'] );
		$this->assertStringContainsString( 'reserved for these roles: editor', $refused['body']['error']['message'] );
		$this->assertSame( 0, $this->upstream( 'ok+' . $this->id ), 'The fallback was never called for this role.' );
		$this->assertSame( 1, $this->upstream( 'fail-503+' . $this->id ) );

		$served = $this->run_as( 'editor' );
		$this->assertSame( 'success', $served['body']['status'], $served['raw'] );
		$this->assertTrue( $served['body']['degraded'] );
		$this->assertTrue( $served['body']['notice_required'] );
		$this->assertSame( self::NOTICE, $served['body']['degraded_notice'] );
		$this->assertSame( 1, $this->upstream( 'ok+' . $this->id ) );
	}

	public function test_the_workflow_run_carries_the_required_notice_with_its_output(): void {
		// Every role may fall back now; the notice stays required.
		$this->admin( 200, 'PATCH', '/ai-failover/v1/features/' . $this->id, array( 'tier' => array( 'notice_required' => true ) ) );
		$created = Site::admin(
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Tier over HTTP',
				'status'  => 'publish',
				'content' => '<!-- wp:ai-failover/workflow {"inputs":[]} --><!-- wp:ai-failover/step {"stepId":"ask","label":"Ask","feature":"' . $this->id . '","prompt":"Hello"} /--><!-- /wp:ai-failover/workflow -->',
			)
		);
		$this->assertSame( 201, $created['status'], $created['raw'] );
		$this->workflow = (int) $created['body']['id'];

		$run = Site::admin( 'POST', '/ai-failover/v1/workflows/' . $this->workflow . '/runs', array( 'input' => array() ) );

		$this->assertSame( 'succeeded', $run['body']['status'] ?? null, $run['raw'] );
		$this->assertSame( array( self::NOTICE ), $run['body']['notices'] );
		$this->assertSame( self::NOTICE, $run['body']['steps'][0]['degraded_notice'] );
	}

	public function test_a_required_notice_cannot_be_saved_empty(): void {
		$saved = Site::admin( 'PATCH', '/ai-failover/v1/features/' . $this->id, array( 'degraded_notice' => '' ) );

		$this->assertSame( 400, $saved['status'], $saved['raw'] );
		$this->assertArrayHasKey( 'degraded_notice', $saved['body']['data']['params'] );
		$this->assertSame( self::NOTICE, Site::admin( 'GET', '/ai-failover/v1/features/' . $this->id )['body']['degraded_notice'] );
	}

	/**
	 * @param string $role Role.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	private function run_as( string $role ): array {
		return Site::rest( $role, 'POST', '/ai-failover/v1/features/' . $this->id . '/run', (string) wp_json_encode( array( 'messages' => array( array( 'role' => 'user', 'content' => 'Summarise.' ) ) ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
	}

	/**
	 * Requests the fake provider counted for one of its routes.
	 *
	 * @param string $route Route (counter key).
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
	 * @return array<string, mixed>
	 */
	private function admin( int $status, string $method, string $route, ?array $body = null ): array {
		$response = Site::admin( $method, $route, $body );
		$this->assertSame( $status, $response['status'], $method . ' ' . $route . ': ' . $response['raw'] );
		return is_array( $response['body'] ) ? $response['body'] : array();
	}
}
