<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\REST\Providers_Controller
 * @covers \AI_Failover\REST\Base_Controller
 * @covers \AI_Failover\Providers\Provider_Repository
 */
final class Providers_Controller_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		wp_set_current_user( $this->create_user( 'administrator' ) );
		delete_option( 'aifo_providers' );
		delete_option( 'aifo_features' );
	}

	public function test_create_read_update_delete(): void {
		$created = $this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'     => 'claude',
				'label'  => 'Anthropic prod',
				'preset' => 'anthropic',
			)
		);
		$this->assertSame( 201, $created->get_status() );
		$this->assertSame( 'https://api.anthropic.com', $created->get_data()['base_url'] );
		$this->assertSame( 'anthropic', $created->get_data()['protocol'] );
		$this->assertFalse( $created->get_data()['allow_private_network'] );
		$this->assertTrue( $created->get_data()['requires_key'] );
		$this->assertStringEndsWith( '/ai-failover/v1/providers/claude', $created->get_headers()['Location'] );

		$list = $this->rest( 'GET', '/ai-failover/v1/providers' );
		$this->assertSame( '1', $list->get_headers()['X-WP-Total'] );
		$this->assertSame( 'claude', $list->get_data()[0]['id'] );

		$updated = $this->rest( 'PATCH', '/ai-failover/v1/providers/claude', array( 'label' => 'Claude' ) );
		$this->assertSame( 'Claude', $updated->get_data()['label'] );
		$this->assertSame( 'anthropic', $updated->get_data()['preset'], 'Fields not sent stay.' );

		$deleted = $this->rest( 'DELETE', '/ai-failover/v1/providers/claude' );
		$this->assertTrue( $deleted->get_data()['deleted'] );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/providers/claude' )->get_status() );
	}

	public function test_local_presets_allow_the_private_network_by_default(): void {
		$ollama = $this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'     => 'ollama',
				'label'  => 'Ollama',
				'preset' => 'ollama',
			)
		);
		$this->assertSame( 201, $ollama->get_status() );
		$this->assertTrue( $ollama->get_data()['allow_private_network'] );
		$this->assertSame( 'http://127.0.0.1:11434/v1', $ollama->get_data()['base_url'] );
		$this->assertTrue( $ollama->get_data()['is_local'] );
	}

	public function test_a_private_base_url_needs_the_flag(): void {
		$body = array(
			'id'       => 'fake-openai',
			'label'    => 'Fake',
			'preset'   => 'openai',
			'base_url' => 'http://127.0.0.1:8899/v1',
		);

		$refused = $this->rest( 'POST', '/ai-failover/v1/providers', $body );
		$this->assertSame( 400, $refused->get_status() );
		$this->assertArrayHasKey( 'base_url', $refused->get_data()['data']['params'] );
		$this->assertStringContainsString( 'Allow private network', $refused->get_data()['message'] );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/providers/fake-openai' )->get_status(), 'Nothing was saved.' );

		$this->assertSame( 201, $this->rest( 'POST', '/ai-failover/v1/providers', $body + array( 'allow_private_network' => true ) )->get_status() );
		$this->assertSame( 400, $this->rest( 'PATCH', '/ai-failover/v1/providers/fake-openai', array( 'allow_private_network' => false ) )->get_status(), 'Turning the flag off again is refused while the URL is private.' );
	}

	/**
	 * @dataProvider invalid_bodies
	 *
	 * @param array<string, mixed> $body  Body.
	 * @param string               $field Field at fault.
	 */
	public function test_bad_input_names_the_field( array $body, string $field ): void {
		$response = $this->rest( 'POST', '/ai-failover/v1/providers', $body );
		$this->assertSame( 400, $response->get_status() );
		$this->assertArrayHasKey( $field, $response->get_data()['data']['params'] );
	}

	/**
	 * @return array<string, array{array<string, mixed>, string}>
	 */
	public function invalid_bodies(): array {
		$valid = array(
			'id'     => 'x',
			'label'  => 'X',
			'preset' => 'openai',
		);
		return array(
			'uppercase id'       => array( array( 'id' => 'OpenAI' ) + $valid, 'id' ),
			'unknown preset'     => array( array( 'preset' => 'skynet' ) + $valid, 'preset' ),
			'empty label'        => array( array( 'label' => '' ) + $valid, 'label' ),
			'ftp base URL'       => array( $valid + array( 'base_url' => 'ftp://example.com' ), 'base_url' ),
			'custom without URL' => array( array( 'preset' => 'custom' ) + $valid, 'base_url' ),
			'unknown field'      => array( $valid + array( 'api_key' => 'sk-123' ), 'api_key' ),
		);
	}

	public function test_duplicate_ids_and_id_changes_are_refused(): void {
		$body = array(
			'id'     => 'oa',
			'label'  => 'OpenAI',
			'preset' => 'openai',
		);
		$this->rest( 'POST', '/ai-failover/v1/providers', $body );
		$this->assertSame( 409, $this->rest( 'POST', '/ai-failover/v1/providers', $body )->get_status() );
		$this->assertSame( 400, $this->rest( 'PATCH', '/ai-failover/v1/providers/oa', array( 'id' => 'other' ) )->get_status() );
	}

	public function test_a_provider_used_by_a_feature_cannot_be_deleted(): void {
		$this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'     => 'sim',
				'label'  => 'Sim',
				'preset' => 'simulator',
			)
		);
		$this->rest(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'      => 'summary',
				'label'   => 'Summary',
				'primary' => array(
					'provider_id' => 'sim',
					'model'       => 'sim-echo',
				),
			)
		);

		$response = $this->rest( 'DELETE', '/ai-failover/v1/providers/sim' );

		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'aifo_provider_in_use', $response->get_data()['code'] );
		$this->assertSame( array( 'summary' ), $response->get_data()['data']['features'] );
		$this->assertSame( 200, $this->rest( 'GET', '/ai-failover/v1/providers/sim' )->get_status() );
	}

	public function test_presets_list_every_protocol_with_real_base_urls(): void {
		$presets = array_column( $this->rest( 'GET', '/ai-failover/v1/presets' )->get_data(), null, 'id' );

		$this->assertSame( 'https://api.openai.com/v1', $presets['openai']['base_url'] );
		$this->assertSame( 'https://openrouter.ai/api/v1', $presets['openrouter']['base_url'] );
		$this->assertSame( 'anthropic', $presets['anthropic']['protocol'] );
		$this->assertSame( 'gemini', $presets['gemini']['protocol'] );
		$this->assertTrue( $presets['lmstudio']['local'] );
		$this->assertFalse( $presets['simulator']['requires_key'] );
	}
}
