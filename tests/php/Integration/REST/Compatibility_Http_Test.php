<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Compatibility refused at save time, over real HTTP against the rig's site: a fallback of another
 * API family, a model lacking a required capability, a context window below the feature's minimum,
 * each at its field and each accepted once the feature allows it. Nothing is stored on a refusal.
 *
 * @covers \AI_Failover\Features\Feature_Repository
 * @covers \AI_Failover\Engine\Compatibility_Check
 * @covers \AI_Failover\REST\Providers_Controller
 */
final class Compatibility_Http_Test extends Test_Case {

	private string $tag = '';

	/** @var list<string> */
	private array $providers = array();

	protected function set_up(): void {
		parent::set_up();
		if ( null === Rig_Site::base_url() ) {
			$this->fail( 'WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh (npm test sources it).' );
		}
		$this->tag = 'cp' . strtolower( wp_generate_password( 6, false ) );
	}

	protected function tear_down(): void {
		Rig_Site::rest( 'DELETE', '/ai-failover/v1/features/' . $this->tag );
		foreach ( $this->providers as $provider ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $provider );
		}
		parent::tear_down();
	}

	public function test_incompatible_fallbacks_are_refused_at_their_field_unless_the_feature_allows_them(): void {
		$openai    = $this->provider( '-oa', 'openai', '' );
		$anthropic = $this->provider( '-an', 'anthropic', '' );
		$groq      = $this->provider( '-gq', 'groq', '' );
		$llama     = $this->provider( '-ll', 'groq', 'meta' );

		$this->assertSame( 'anthropic', Rig_Site::rest( 'GET', '/ai-failover/v1/providers/' . $anthropic )['body']['api_family'] ?? '' );
		$this->assertSame( 'openai', Rig_Site::rest( 'GET', '/ai-failover/v1/providers/' . $groq )['body']['api_family'] ?? '', 'The wire protocol when none is declared.' );

		// Claude Opus -> GPT-4o: another family.
		$feature = $this->feature( $anthropic, 'claude-opus-4-1', array( array( $openai, 'gpt-4o' ) ) );
		$this->assert_refused( $feature, 'fallbacks[0].provider_id', 'is of the openai API family and the primary of anthropic: after a cross-family fallback, answers may change in tone and style' );
		$feature['routing'] = array( 'compatibility' => array( 'allow_cross_family' => true ) );
		$this->assert_saved( $feature );

		// Same family, a model without vision for a feature that requires it.
		$feature = $this->feature( $openai, 'gpt-4o', array( array( $groq, 'llama-3.1-8b-instant' ) ), array( 'requires' => array( 'vision' ) ) );
		$this->assert_refused( $feature, 'fallbacks[0].model', 'its model lacks vision' );
		$feature['routing'] = array( 'compatibility' => array( 'allow_incapable' => true ) );
		$this->assert_saved( $feature );

		// A context window below the minimum: 128000 < 200000.
		$feature = $this->feature( $openai, 'gpt-4.1', array( array( $openai, 'gpt-4o-mini' ) ), array( 'routing' => array( 'compatibility' => array( 'min_context_tokens' => 200000 ) ) ) );
		$this->assert_refused( $feature, 'fallbacks[0].model', 'holds 128000 tokens, fewer than this feature\'s minimum of 200000' );

		// A provider declared of another family is another family, whatever its protocol.
		$feature = $this->feature( $groq, 'llama-3.3-70b-versatile', array( array( $llama, 'llama-3.1-8b-instant' ) ) );
		$this->assert_refused( $feature, 'fallbacks[0].provider_id', 'is of the meta API family and the primary of openai' );
	}

	/**
	 * @param array<string, mixed> $feature Feature.
	 */
	private function assert_refused( array $feature, string $field, string $message ): void {
		Rig_Site::rest( 'DELETE', '/ai-failover/v1/features/' . $this->tag );
		$refused = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $feature );
		$this->assertSame( 400, $refused['status'], (string) wp_json_encode( $refused['body'] ) );
		$this->assertSame( array( $field ), array_keys( (array) ( $refused['body']['data']['params'] ?? array() ) ) );
		$this->assertStringContainsString( $message, (string) $refused['body']['data']['params'][ $field ] );
		$this->assertSame( 404, Rig_Site::rest( 'GET', '/ai-failover/v1/features/' . $this->tag )['status'], 'Nothing was stored.' );
	}

	/**
	 * @param array<string, mixed> $feature Feature.
	 */
	private function assert_saved( array $feature ): void {
		$saved = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $feature );
		$this->assertSame( 201, $saved['status'], (string) wp_json_encode( $saved['body'] ) );
	}

	/**
	 * @param list<array{0: string, 1: string}> $fallbacks Provider and model of each fallback.
	 * @param array<string, mixed>              $extra     Other fields.
	 * @return array<string, mixed>
	 */
	private function feature( string $provider, string $model, array $fallbacks, array $extra = array() ): array {
		return $extra + array(
			'id'        => $this->tag,
			'label'     => 'Compatibility',
			'primary'   => array(
				'provider_id' => $provider,
				'model'       => $model,
			),
			'fallbacks' => array_map(
				static fn( array $f ): array => array(
					'provider_id' => $f[0],
					'model'       => $f[1],
				),
				$fallbacks
			),
		);
	}

	private function provider( string $suffix, string $preset, string $family ): string {
		$id      = $this->tag . $suffix;
		$created = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'         => $id,
				'label'      => $id,
				'preset'     => $preset,
				'api_family' => $family,
			)
		);
		$this->assertSame( 201, $created['status'], (string) wp_json_encode( $created['body'] ) );
		$this->providers[] = $id;
		return $id;
	}
}
