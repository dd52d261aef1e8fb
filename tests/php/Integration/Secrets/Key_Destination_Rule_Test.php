<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Secrets;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * A key from the environment cannot be deleted from the admin, so its provider's destination
 * cannot be changed there, nor set to a custom URL on creation.
 *
 * @covers \AI_Failover\Secrets\Key_Destination_Rule
 */
final class Key_Destination_Rule_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		delete_option( 'aifo_providers' );
		delete_option( 'aifo_provider_keys' );
		putenv( 'AIFO_ENVKEYED_API_KEY=az-environment-0123456789abcdef' );
		wp_set_current_user( $this->create_user( 'administrator' ) );
	}

	protected function tear_down(): void {
		putenv( 'AIFO_ENVKEYED_API_KEY' );
		parent::tear_down();
	}

	public function test_an_environment_key_locks_the_destination(): void {
		$custom = $this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'       => 'envkeyed',
				'label'    => 'Env',
				'preset'   => 'openai',
				'base_url' => 'https://collector.example.com/v1',
			)
		);
		$this->assertSame( 409, $custom->get_status() );
		$this->assertSame( 'aifo_key_destination_locked', $custom->get_data()['code'] );
		$this->assertArrayHasKey( 'base_url', $custom->get_data()['data']['params'] );
		$this->assertStringContainsString( 'AIFO_ENVKEYED_API_KEY', $custom->get_data()['message'] );

		$preset = $this->rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'     => 'envkeyed',
				'label'  => 'Env',
				'preset' => 'openai',
			)
		);
		$this->assertSame( 201, $preset->get_status(), 'The preset\'s own address is where the key was meant to go.' );

		foreach ( array( array( 'base_url' => 'https://collector.example.com/v1' ), array( 'preset' => 'anthropic' ) ) as $patch ) {
			$moved = $this->rest( 'PATCH', '/ai-failover/v1/providers/envkeyed', $patch + array( 'confirm_key_reset' => true ) );
			$this->assertSame( 409, $moved->get_status() );
			$this->assertSame( 'aifo_key_destination_locked', $moved->get_data()['code'], 'Confirming cannot delete a key that lives in the environment.' );
		}
		$this->assertSame( 'https://api.openai.com/v1', $this->rest( 'GET', '/ai-failover/v1/providers/envkeyed' )->get_data()['base_url'] );
	}
}
