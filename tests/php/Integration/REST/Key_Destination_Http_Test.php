<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Moving a provider's keys to another destination needs confirm_key_reset and deletes them, so
 * an admin session cannot point the provider elsewhere and press Test: over real HTTP against the
 * rig and the fake provider (its request log shows where the key went).
 *
 * @covers \AI_Failover\Secrets\Key_Destination_Rule
 * @covers \AI_Failover\REST\Providers_Controller
 */
final class Key_Destination_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const ID  = 'key-destination-http';
	private const KEY = 'az-destination-0123456789abcdef';

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::ID );
	}

	protected function tear_down(): void {
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::ID );
		parent::tear_down();
	}

	public function test_a_new_base_url_is_refused_without_the_confirmation_and_the_key_never_goes_there(): void {
		$key_id = $this->provider_with_key( $this->fake . '/r/ok/v1', true );
		$since  = $this->last_seq();

		$refused = $this->http( 'PATCH', '/ai-failover/v1/providers/' . self::ID, array( 'base_url' => $this->fake . '/r/ok+elsewhere/v1' ) );
		$this->assertSame( 409, $refused['status'], $refused['raw'] );
		$this->assertSame( 'aifo_key_destination_changed', $refused['body']['code'] );
		$this->assertArrayHasKey( 'confirm_key_reset', $refused['body']['data']['params'] );
		$this->assertSame( 1, $refused['body']['data']['key_count'] );
		$this->assertSame( $this->fake . '/r/ok/v1', $this->http( 'GET', '/ai-failover/v1/providers/' . self::ID )['body']['base_url'], 'Nothing changed.' );

		$test = $this->http( 'POST', '/ai-failover/v1/providers/' . self::ID . '/keys/' . $key_id . '/test' );
		$this->assertTrue( $test['body']['ok'], $test['raw'] );
		$routes = array_column( $this->requests_since( $since ), 'route' );
		$this->assertSame( array( 'ok' ), array_values( array_unique( $routes ) ), 'The Test went to the old address only.' );

		$saved = $this->http(
			'PATCH',
			'/ai-failover/v1/providers/' . self::ID,
			array(
				'base_url'          => $this->fake . '/r/ok+elsewhere/v1',
				'confirm_key_reset' => true,
			)
		);
		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$this->assertSame( 0, $saved['body']['key_count'], 'The stored key was deleted: it is entered again for the new address.' );
		$this->assertSame( array(), $this->http( 'GET', '/ai-failover/v1/providers/' . self::ID . '/keys' )['body'] );
		$this->assertSame( 404, $this->http( 'POST', '/ai-failover/v1/providers/' . self::ID . '/keys/' . $key_id . '/test' )['status'] );
		$this->assertNotContains( 'ok+elsewhere', array_column( $this->requests_since( $since ), 'route' ), 'The key never reached the new address.' );
	}

	/**
	 * @return array<string, array{array<string, mixed>}>
	 */
	public function destination_changes(): array {
		return array(
			'another preset and protocol'   => array( array( 'preset' => 'anthropic' ) ),
			'a custom base URL'             => array( array( 'base_url' => 'https://llm.example.com/v1' ) ),
			'private addresses now allowed' => array( array( 'allow_private_network' => true ) ),
		);
	}

	/**
	 * @dataProvider destination_changes
	 *
	 * @param array<string, mixed> $patch Change.
	 */
	public function test_each_change_of_where_keys_go_needs_the_confirmation( array $patch ): void {
		$this->provider_with_key( '', false );

		$refused = $this->http( 'PATCH', '/ai-failover/v1/providers/' . self::ID, $patch );

		$this->assertSame( 409, $refused['status'], $refused['raw'] );
		$this->assertArrayHasKey( 'confirm_key_reset', $refused['body']['data']['params'] );
		$this->assertSame( 1, $this->http( 'GET', '/ai-failover/v1/providers/' . self::ID )['body']['key_count'] );
	}

	public function test_other_changes_keep_the_keys_and_need_nothing(): void {
		$this->provider_with_key( '', false );

		$saved = $this->http(
			'PATCH',
			'/ai-failover/v1/providers/' . self::ID,
			array(
				'label'   => 'Renamed',
				'enabled' => false,
			)
		);
		$same  = $this->http(
			'PUT',
			'/ai-failover/v1/providers/' . self::ID,
			array(
				'id'       => self::ID,
				'label'    => 'Renamed',
				'preset'   => 'openai',
				'base_url' => 'https://api.openai.com/v1/',
			)
		);

		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$this->assertSame( 1, $saved['body']['key_count'] );
		$this->assertSame( 200, $same['status'], 'The preset default written out is the same destination. ' . $same['raw'] );
		$this->assertSame( 1, $same['body']['key_count'] );
	}

	/**
	 * The provider on the rig's site with one stored key; the key's id.
	 */
	private function provider_with_key( string $base_url, bool $allow_private ): string {
		$created = $this->http(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => self::ID,
				'label'                 => 'Destination',
				'preset'                => 'openai',
				'base_url'              => $base_url,
				'allow_private_network' => $allow_private,
			)
		);
		$this->assertSame( 201, $created['status'], $created['raw'] );
		$key = $this->http(
			'POST',
			'/ai-failover/v1/providers/' . self::ID . '/keys',
			array(
				'label'  => 'prod',
				'secret' => self::KEY,
			)
		);
		$this->assertSame( 201, $key['status'], $key['raw'] );
		return (string) $key['body']['id'];
	}

	private function last_seq(): int {
		$log = json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests' ) ), true );
		return is_array( $log ) && $log ? (int) end( $log )['seq'] : 0;
	}

	/**
	 * @return list<array<string, mixed>>
	 */
	private function requests_since( int $seq ): array {
		$log = json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests?since=' . $seq ) ), true );
		return array_values( array_filter( is_array( $log ) ? $log : array(), static fn( $entry ) => (int) $entry['seq'] > $seq ) );
	}
}
