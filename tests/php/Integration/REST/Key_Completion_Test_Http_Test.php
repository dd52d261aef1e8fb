<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The key Test beside "list models": one real one-token completion with its latency and cost, so a
 * key whose provider lists models but fails every completion no longer shows "OK". Over real HTTP
 * against the rig and the fake provider (which picks its behaviour from the model id).
 *
 * @covers \AI_Failover\REST\Keys_Controller
 */
final class Key_Completion_Test_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const ID     = 'key-completion-http';
	private const SECRET = 'sk-completion-test-0123456789abcdef';

	private string $fake   = '';
	private string $key_id = '';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::ID );
		$created = $this->http(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => self::ID,
				'label'                 => 'Completion test',
				'preset'                => 'custom',
				'base_url'              => $this->fake . '/v1',
				'allow_private_network' => true,
			)
		);
		$this->assertSame( 201, $created['status'], $created['raw'] );
		$key = $this->http(
			'POST',
			'/ai-failover/v1/providers/' . self::ID . '/keys',
			array(
				'label'  => 'prod',
				'secret' => self::SECRET,
			)
		);
		$this->assertSame( 201, $key['status'], $key['raw'] );
		$this->key_id = (string) $key['body']['id'];
	}

	protected function tear_down(): void {
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::ID );
		parent::tear_down();
	}

	public function test_a_provider_that_lists_models_but_fails_completions_fails_the_completion_test(): void {
		$models = $this->test_key( array() );
		$this->assertSame( 200, $models['status'], $models['raw'] );
		$this->assertTrue( $models['body']['ok'], 'The model list works: the old Test said OK.' );

		$failed = $this->test_key(
			array(
				'kind'  => 'completion',
				'model' => 'fail-500',
			)
		);

		$this->assertSame( 200, $failed['status'], $failed['raw'] );
		$this->assertFalse( $failed['body']['ok'] );
		$this->assertSame( 'completion', $failed['body']['kind'] );
		$this->assertSame( 500, $failed['body']['error']['http_status'] );
		$this->assertStringNotContainsString( self::SECRET, $failed['raw'] );
		$this->assertStringNotContainsString( substr( self::SECRET, 0, 12 ), $failed['raw'] );
	}

	public function test_a_completion_test_shows_its_latency_and_its_cost_from_the_catalog_and_logs_nothing(): void {
		$saved = $this->http(
			'PUT',
			'/ai-failover/v1/providers/' . self::ID . '/models',
			array(
				'model'                 => 'ok-priced',
				'input_price_per_mtok'  => 2000,
				'output_price_per_mtok' => 8000,
			)
		);
		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$before = $this->http( 'GET', '/ai-failover/v1/events?provider=' . self::ID );

		$passed = $this->test_key(
			array(
				'kind'  => 'completion',
				'model' => 'ok-priced',
			)
		);

		$this->assertSame( 200, $passed['status'], $passed['raw'] );
		$body = $passed['body'];
		$this->assertTrue( $body['ok'], $passed['raw'] );
		$this->assertSame( 'completion', $body['kind'] );
		$this->assertSame( 'ok-priced', $body['model'] );
		$this->assertTrue( $body['priced'] );
		$this->assertGreaterThan( 0, $body['input_tokens'] );
		$this->assertGreaterThanOrEqual( 0, $body['duration_ms'] );
		$this->assertEqualsWithDelta( ( $body['input_tokens'] * 2000 + $body['output_tokens'] * 8000 ) / 1000000, $body['cost'], 1e-9 );
		$this->assertGreaterThan( 0, $body['cost'] );
		$this->assertStringNotContainsString( self::SECRET, $passed['raw'] );
		$this->assertSame( $before['raw'], $this->http( 'GET', '/ai-failover/v1/events?provider=' . self::ID )['raw'], 'A test is not a run: nothing logged.' );
	}

	public function test_a_completion_test_without_a_model_or_with_an_unknown_kind_is_refused_naming_the_field(): void {
		$no_model = $this->test_key( array( 'kind' => 'completion' ) );
		$this->assertSame( 400, $no_model['status'], $no_model['raw'] );
		$this->assertArrayHasKey( 'model', $no_model['body']['data']['params'] );

		$bad_kind = $this->test_key( array( 'kind' => 'chat' ) );
		$this->assertSame( 400, $bad_kind['status'], $bad_kind['raw'] );
		$this->assertArrayHasKey( 'kind', $bad_kind['body']['data']['params'] );
	}

	/**
	 * @param array<string, mixed> $body Request body.
	 * @return array{status: int, body: mixed, raw: string}
	 */
	private function test_key( array $body ): array {
		return $this->http( 'POST', '/ai-failover/v1/providers/' . self::ID . '/keys/' . $this->key_id . '/test', $body ? $body : null );
	}
}
