<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Tests\Integration\REST\Rig_Fixtures;
use AI_Failover\Tests\Integration\REST\Rig_Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Latency demotion over real HTTP: the rig's site against a fake provider of this test's own,
 * whose key decides how fast it answers (`fk-slow-1500-…` takes 1.5 s) and whose request log
 * says which upstream each run called. The slow requests are real, and so is the wait before the
 * probe; the route recovers because its probe was fast, not because anything was reset by hand.
 * Everything created is deleted afterwards.
 *
 * @covers \AI_Failover\Engine\Latency_Rule
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Diagnostics\State_Repository
 */
final class Latency_Over_Http_Test extends Test_Case {

	use Rig_Fixtures;

	protected function set_up(): void {
		parent::set_up();
		$this->use_rig( 'lt' );
	}

	public function test_a_slow_primary_is_tried_after_the_fallback_and_comes_back_after_a_fast_probe(): void {
		$fake               = Rig_Site::fake_provider( 5 );
		list( $slow, $key ) = $this->provider( '-opus', $fake . '/v1', 'fk-slow-1500-' . wp_generate_password( 8, false ) );
		list( $fast )       = $this->provider( '-gpt4', $fake . '/v1', 'fk-ok+fast-' . wp_generate_password( 8, false ) );
		$body               = array(
			'id'        => $this->tag . '-opus',
			'label'     => 'Opus, then GPT-4 when latency > 1 s',
			'primary'   => $this->route( $slow ),
			'fallbacks' => array( $this->route( $fast ) ),
			'retry'     => array( 'attempts_per_route' => 1 ),
			'timeouts'  => array(
				'total_ms'      => 3000,
				'first_byte_ms' => 3000,
			),
			'routing'   => array(
				'latency' => array(
					'enabled'       => true,
					'threshold_ms'  => 1000,
					'window_s'      => 60,
					'min_requests'  => 2,
					'probe_every_s' => 1,
				),
			),
		);
		$saved              = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body );
		$this->assertSame( 201, $saved['status'], (string) wp_json_encode( $saved['body'] ) );
		$this->assertSame( 'demote', $saved['body']['routing']['latency']['action'] ?? null, 'Stored with its defaults.' );
		$this->features[] = $body['id'];

		// Two slow answers (1.5 s each, over the 1 s threshold): under the minimum, the primary keeps its place.
		for ( $i = 0; $i < 2; $i++ ) {
			$run = $this->run_feature( $body['id'] );
			$this->assertSame( array( $slow ), array_column( (array) $run['attempts'], 'provider' ), (string) wp_json_encode( $run ) );
		}
		Rig_Site::reset_fake_provider();

		$demoted  = $this->run_feature( $body['id'], array( 'X-Aifo-Rig-Count: latency' ) );
		$attempts = (array) $demoted['attempts'];
		$this->assertSame( 'success', $demoted['status'] ?? '', (string) wp_json_encode( $demoted ) );
		$this->assertSame( array( 'latency_demoted', null ), array_column( $attempts, 'error_class' ) );
		$this->assertSame( array( $slow, $fast ), array_column( $attempts, 'provider' ) );
		$this->assertSame( 'skipped', $attempts[0]['outcome'] );
		$this->assertSame( 'p95 over 1.0 s over the last 60 s (2 of 2 requests, 100.0 %, took longer than 1.0 s; a p95 allows 5 %): tried after ' . $fast . '/gpt-4o-mini and the other faster routes, until a probe shows it is fast again.', $attempts[0]['reason'] );
		$this->assertSame( array( 'ok+fast' ), Rig_Site::fake_routes(), 'The slow route got no request.' );
		$this->assertTrue( (bool) $demoted['degraded'] );
		$reads = $this->reads( 'latency' );
		$this->assertCount( 2, $reads, "The latency windows come with the breakers, in the same query:\n" . implode( "\n", $reads ) );
		$this->assertStringContainsString( 'UNION ALL', $reads[1] );

		$again = $this->run_feature( $body['id'] );
		$this->assertSame( 'latency_demoted', $again['attempts'][0]['error_class'], 'No probe before the interval (here: the 3 s attempt timeout) has passed.' );

		// The provider is fast again (its key now says so); the next probe finds out.
		$this->replace_key( $slow, $key, 'fk-ok+opus-' . wp_generate_password( 8, false ) );
		Rig_Site::reset_fake_provider();
		usleep( 3200000 );
		$probe = $this->run_feature( $body['id'] );
		$this->assertSame( array( $slow ), array_column( (array) $probe['attempts'], 'provider' ), (string) wp_json_encode( $probe ) );
		$this->assertSame( array( 'ok+opus' ), Rig_Site::fake_routes(), 'One probe, in the route\'s own place.' );
		$this->assertStringContainsString( 'within the 1.0 s threshold, so the route has recovered and is no longer tried after the others.', (string) $probe['attempts'][0]['reason'] );

		$after = $this->run_feature( $body['id'] );
		$this->assertSame( array( null ), array_column( (array) $after['attempts'], 'error_class' ), 'Recovered: first again.' );
		$this->assertSame( $slow, $after['attempts'][0]['provider'] );
	}

	/**
	 * @param list<string> $headers Extra headers.
	 * @return array<string, mixed>
	 */
	private function run_feature( string $feature, array $headers = array() ): array {
		$run = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/features/' . $feature . '/run',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hello',
					),
				),
			),
			$headers
		);
		$this->assertSame( 200, $run['status'], (string) wp_json_encode( $run['body'] ) );
		return (array) $run['body'];
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
	 * @return array{provider_id: string, model: string}
	 */
	private function route( string $provider ): array {
		return array(
			'provider_id' => $provider,
			'model'       => 'gpt-4o-mini',
		);
	}

	private function replace_key( string $provider, string $old, string $secret ): void {
		$added = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers/' . $provider . '/keys',
			array(
				'label'  => 'b',
				'secret' => $secret,
			)
		);
		$this->assertSame( 201, $added['status'], (string) wp_json_encode( $added['body'] ) );
		$this->assertSame( 200, Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $provider . '/keys/' . $old )['status'] );
	}

	/**
	 * @return array{0: string, 1: string} Provider id and key id.
	 */
	private function provider( string $suffix, string $base_url, string $secret ): array {
		$id      = $this->tag . $suffix;
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
		$key               = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers/' . $id . '/keys',
			array(
				'label'  => 'a',
				'secret' => $secret,
			)
		);
		$this->assertSame( 201, $key['status'], (string) wp_json_encode( $key['body'] ) );
		return array( $id, (string) ( $key['body']['id'] ?? '' ) );
	}
}
