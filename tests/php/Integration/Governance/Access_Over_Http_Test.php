<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Governance;

use AI_Failover\Tests\Integration\Security\Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A feature's access rule over real HTTP against the rig's site and the fake provider: a role or
 * an address that is not allowed gets a 403 `aifo_access_denied` naming the check, the refusal is
 * in the event log, and the fake provider counts zero requests for it (JSON, stream and workflow
 * step alike); an allowed caller is served. The rig's clients connect from 127.0.0.1.
 *
 * @covers \AI_Failover\Governance\Access_Guard
 * @covers \AI_Failover\Governance\Access_Rule
 * @covers \AI_Failover\Engine\Feature_Runner
 * @covers \AI_Failover\REST\Runs_Controller
 */
final class Access_Over_Http_Test extends Test_Case {

	private string $id = '';

	private string $fake = '';

	/** Route of the fake provider this test's provider calls (its own counter). */
	private string $fake_route = '';

	private int $workflow = 0;

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() || '' === (string) getenv( 'FAKE_PROVIDER_URL' ) ) {
			$this->fail( 'WP_BASE_URL / WP_APP_PASSWORD / FAKE_PROVIDER_URL are not set: source .rig/test/env.sh and start the fake provider (npm test does).' );
		}
		$this->fake       = rtrim( (string) getenv( 'FAKE_PROVIDER_URL' ), '/' );
		$this->id         = 'gov-' . strtolower( wp_generate_password( 8, false ) );
		$this->fake_route = 'ok+' . $this->id;
		$this->admin( 201, 'POST', '/ai-failover/v1/providers', array( 'id' => $this->id, 'label' => 'Access HTTP', 'preset' => 'openai', 'base_url' => $this->fake . '/r/' . $this->fake_route . '/v1', 'allow_private_network' => true ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin( 201, 'POST', '/ai-failover/v1/providers/' . $this->id . '/keys', array( 'label' => 'k', 'secret' => 'fk-' . $this->fake_route . '-k1' ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- fixture.
		$this->admin(
			201,
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'      => $this->id,
				'label'   => 'Access over HTTP',
				'primary' => array(
					'provider_id' => $this->id,
					'model'       => 'gpt-4o-mini',
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

	public function test_a_role_that_is_not_allowed_gets_a_403_and_no_upstream_request(): void {
		$this->set_access( array( 'roles' => array( 'editor' ) ) );

		$refused = $this->run_as( 'administrator' );
		$this->assertSame( 403, $refused['status'], $refused['raw'] );
		$this->assertSame( 'aifo_access_denied', $refused['body']['code'] );
		$this->assertSame( 'role', $refused['body']['data']['reason'] );
		$this->assertStringContainsString( 'editor', $refused['body']['message'] );
		$streamed = $this->run_as( 'administrator', array( 'stream' => true ) );
		$this->assertSame( 403, $streamed['status'], 'A refused stream gets its JSON 403, not a stream: ' . $streamed['raw'] );
		$this->assertStringStartsWith( 'application/json', $streamed['headers']['content-type'] ?? '' );
		$this->assertSame( 0, $this->upstream_requests(), 'A refused run never reaches the provider.' );

		$logged = Site::admin( 'GET', '/ai-failover/v1/runs/' . $refused['body']['data']['run_id'] );
		$this->assertSame( 200, $logged['status'], 'The refusal is in the event log: ' . $logged['raw'] );
		$this->assertSame( array( 'access_denied' ), array_column( $logged['body']['attempts'], 'error_class' ) );
		$this->assertSame( array( 'skipped' ), array_column( $logged['body']['attempts'], 'outcome' ) );

		$served = $this->run_as( 'editor' );
		$this->assertSame( 200, $served['status'], $served['raw'] );
		$this->assertSame( 'success', $served['body']['status'] );
		$this->assertSame( 1, $this->upstream_requests(), 'The allowed role is served, once.' );
	}

	public function test_an_address_that_is_not_on_the_allow_list_gets_a_403_and_no_upstream_request(): void {
		// The rig's clients connect from 127.0.0.1, which is not in these blocks.
		$this->set_access( array( 'ip_allow' => array( '203.0.113.0/24', '2001:db8::/32' ) ) );

		$refused = $this->run_as( 'administrator' );
		$this->assertSame( 403, $refused['status'], $refused['raw'] );
		$this->assertSame( 'aifo_access_denied', $refused['body']['code'] );
		$this->assertSame( 'ip', $refused['body']['data']['reason'] );
		$this->assertStringContainsString( '127.0.0.1', $refused['body']['message'] );
		$this->assertSame( 0, $this->upstream_requests() );

		// A client cannot talk its way in: no proxy is trusted, so X-Forwarded-For is not read.
		$spoofed = Site::request( 'POST', '/wp-json/ai-failover/v1/features/' . $this->id . '/run', (string) wp_json_encode( $this->body() ), $this->admin_headers() + array( 'X-Forwarded-For' => '203.0.113.9' ) );
		$this->assertSame( 403, $spoofed['status'], $spoofed['raw'] );
		$this->assertSame( 0, $this->upstream_requests() );

		$this->set_access( array( 'ip_allow' => array( '2001:db8::/32', '127.0.0.0/8' ) ) );
		$served = $this->run_as( 'administrator' );
		$this->assertSame( 200, $served['status'], $served['raw'] );
		$this->assertSame( 1, $this->upstream_requests() );
	}

	public function test_a_workflow_step_on_a_refused_feature_fails_with_access_denied_and_no_upstream_request(): void {
		$this->set_access( array( 'roles' => array( 'editor' ) ) );
		$content = '<!-- wp:ai-failover/workflow {"inputs":[]} -->'
			. '<!-- wp:ai-failover/step {"stepId":"ask","label":"Ask","feature":"' . $this->id . '","prompt":"Hello"} /-->'
			. '<!-- /wp:ai-failover/workflow -->';
		$created = Site::admin(
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Access over HTTP',
				'status'  => 'publish',
				'content' => $content,
			)
		);
		$this->assertSame( 201, $created['status'], $created['raw'] );
		$this->workflow = (int) $created['body']['id'];

		$run = Site::admin( 'POST', '/ai-failover/v1/workflows/' . $this->workflow . '/runs', array( 'input' => array() ) );
		$this->assertSame( 200, $run['status'], $run['raw'] );
		$this->assertSame( 'failed', $run['body']['status'] );
		$this->assertSame( 'access_denied', $run['body']['steps'][0]['error']['class'] ?? null, $run['raw'] );
		$this->assertSame( 0, $this->upstream_requests() );
	}

	public function test_an_allow_list_entry_that_is_no_address_is_refused_at_save_naming_the_entry(): void {
		$saved = Site::admin( 'PATCH', '/ai-failover/v1/features/' . $this->id, array( 'access' => array( 'ip_allow' => array( '10.0.0.0/8', '10.0.0.0/33' ) ) ) );

		$this->assertSame( 400, $saved['status'], $saved['raw'] );
		$this->assertArrayHasKey( 'access.ip_allow[1]', $saved['body']['data']['params'] );
		$this->assertSame( array(), Site::admin( 'GET', '/ai-failover/v1/features/' . $this->id )['body']['access']['ip_allow'], 'Nothing was stored.' );
	}

	/**
	 * @param array<string, mixed> $access Access object.
	 */
	private function set_access( array $access ): void {
		$this->admin( 200, 'PATCH', '/ai-failover/v1/features/' . $this->id, array( 'access' => $access ) );
	}

	/**
	 * @param string               $role  Role.
	 * @param array<string, mixed> $extra Extra body fields.
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	private function run_as( string $role, array $extra = array() ): array {
		return Site::rest( $role, 'POST', '/ai-failover/v1/features/' . $this->id . '/run', (string) wp_json_encode( $extra + $this->body() ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function body(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'Who may ask?',
				),
			),
		);
	}

	/**
	 * @return array<string, string>
	 */
	private function admin_headers(): array {
		return array(
			'Content-Type'  => 'application/json',
			'Authorization' => 'Basic ' . base64_encode( getenv( 'WP_ADMIN_USER' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.
		);
	}

	/**
	 * Requests the fake provider counted for this test's route.
	 */
	private function upstream_requests(): int {
		$stats = json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__stats' ) ), true );
		return (int) ( $stats['routes'][ $this->fake_route ]['requests'] ?? 0 );
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
