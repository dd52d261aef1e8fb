<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Tests\Integration\REST\Rig_Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Quality rules stored on the feature, over real HTTP against a fake provider of this test's own:
 * an answer that fails them escalates to the next route, in a JSON run and in a streamed one
 * (whose rejected answer never reaches the client), and a broken pattern is refused at save.
 *
 * @covers \AI_Failover\Features\Feature_Repository
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\REST\Runs_Controller
 */
final class Quality_Over_Http_Test extends Test_Case {

	private string $tag = '';

	/** @var list<string> */
	private array $providers = array();

	protected function set_up(): void {
		parent::set_up();
		if ( null === Rig_Site::base_url() ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->tag = 'ql' . strtolower( wp_generate_password( 6, false ) );
	}

	protected function tear_down(): void {
		Rig_Site::rest( 'DELETE', '/ai-failover/v1/features/' . $this->tag );
		foreach ( $this->providers as $provider ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $provider );
		}
		parent::tear_down();
	}

	public static function tear_down_after_class(): void {
		Rig_Site::stop_fake_provider();
		parent::tear_down_after_class();
	}

	public function test_an_answer_failing_the_feature_s_rules_escalates_and_is_never_streamed(): void {
		$fake    = Rig_Site::fake_provider( 5 );
		$first   = $this->provider( '-first', $fake . '/r/ok+first/v1' );
		$second  = $this->provider( '-second', $fake . '/r/ok+second/v1' );
		$feature = array(
			'id'        => $this->tag,
			'label'     => 'Quality',
			'primary'   => array(
				'provider_id' => $first,
				'model'       => 'gpt-4o-mini',
			),
			'fallbacks' => array(
				array(
					'provider_id' => $second,
					'model'       => 'gpt-4o-mini',
				),
			),
			'triggers'  => array( 'validation_failed' => true ),
			'routing'   => array( 'quality' => array( 'regex' => '(' ) ),
		);

		$refused = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $feature );
		$this->assertSame( 400, $refused['status'] );
		$this->assertSame( array( 'routing.quality.regex' ), array_keys( (array) ( $refused['body']['data']['params'] ?? array() ) ) );

		// The fake provider's answer names its route: only the second one's passes.
		$feature['routing']['quality'] = array( 'regex' => 'route=ok\+second' );
		$this->assertSame( 201, Rig_Site::rest( 'POST', '/ai-failover/v1/features', $feature )['status'] );
		$messages = array(
			array(
				'role'    => 'user',
				'content' => 'Summarise',
			),
		);

		$run = Rig_Site::rest( 'POST', '/ai-failover/v1/features/' . $this->tag . '/run', array( 'messages' => $messages ) );
		$this->assertSame( 'success', $run['body']['status'] ?? '', (string) wp_json_encode( $run['body'] ) );
		$this->assertSame( array( 'validation_failed', null ), array_column( (array) $run['body']['attempts'], 'error_class' ) );
		$this->assertSame( 'fallback', $run['body']['attempts'][0]['decision'] );
		$this->assertStringContainsString( 'route=ok+second', (string) $run['body']['output']['text'] );

		$stream = Rig_Site::stream_run(
			$this->tag,
			array(
				'messages' => $messages,
				'stream'   => true,
			)
		);
		$deltas = array_values( array_filter( $stream['events'], static fn( array $e ): bool => 'delta' === $e['event'] ) );
		$text   = implode( '', array_map( static fn( array $e ): string => (string) $e['data']['text'], $deltas ) );
		$this->assertNotSame( array(), $deltas, (string) wp_json_encode( $stream['events'] ) );
		$this->assertStringContainsString( 'route=ok+second', $text );
		$this->assertStringNotContainsString( 'route=ok+first', $text, 'The rejected answer was held, never sent.' );
		$this->assertSame( 'done', end( $stream['events'] )['event'] ?? '' );
	}

	private function provider( string $suffix, string $base_url ): string {
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
				'secret' => 'fk-any-' . wp_generate_password( 12, false ),
			)
		);
		$this->assertSame( 201, $key['status'], (string) wp_json_encode( $key['body'] ) );
		return $id;
	}
}
