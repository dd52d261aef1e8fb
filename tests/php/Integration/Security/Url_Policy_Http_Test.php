<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Tests\Unit\Providers\Special_Address_Urls;

/**
 * Every IP notation and special-purpose range of the URL policy's list (Special_Address_Urls),
 * over real HTTP against the rig's site: as a new provider's base URL, as a changed one, and as
 * the alert webhook. Each refusal is a 400 rest_invalid_param naming the field, and nothing is
 * saved; private addresses pass only with allow_private_network, metadata, multicast and
 * reserved ones never, and the webhook (called by the server, no flag) never on either.
 *
 * @covers \AI_Failover\REST\Providers_Controller
 * @covers \AI_Failover\REST\Settings_Controller
 * @covers \AI_Failover\Http\Destination_Guard
 */
final class Url_Policy_Http_Test extends Test_Case {

	private const PREFIX = 'security-url-';

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
	}

	protected function tear_down(): void {
		if ( Site::available() ) {
			$this->delete_providers();
			Site::admin( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => '' ) );
		}
		parent::tear_down();
	}

	public function test_a_private_base_url_in_any_notation_is_refused_without_the_flag_and_saved_with_it(): void {
		$urls = array_values( Special_Address_Urls::PRIVATE );

		$this->assert_refused( $this->create_providers( $urls, false ), $urls, 'base_url' );
		$this->assertSame( array(), $this->saved_providers(), 'Nothing was saved.' );
		$saved = $this->create_providers( $urls, true );
		foreach ( $saved as $i => $response ) {
			$this->assertSame( 201, $response['status'], "{$urls[ $i ]} with the flag: {$response['raw']}" );
		}
	}

	public function test_metadata_multicast_and_reserved_base_urls_are_refused_even_with_the_flag(): void {
		$urls = array_values( Special_Address_Urls::NEVER );

		$this->assert_refused( $this->create_providers( $urls, true ), $urls, 'base_url' );
		$this->assertSame( array(), $this->saved_providers(), 'Nothing was saved.' );
	}

	public function test_changing_a_base_url_to_a_special_address_is_refused_and_keeps_the_old_one(): void {
		$this->assertSame( 201, $this->create_providers( array( 'https://api.example.com/v1' ), false )[0]['status'] );
		// Every fourth address of the list: the update path shares the create path's check.
		$all  = array_values( Special_Address_Urls::PRIVATE + Special_Address_Urls::NEVER );
		$urls = array_values( array_filter( $all, static fn( int $i ): bool => 0 === $i % 4, ARRAY_FILTER_USE_KEY ) );

		$changes = Site::admin_many(
			array_map(
				static fn( string $url ): array => array( 'PATCH', '/ai-failover/v1/providers/' . self::PREFIX . '0', (string) wp_json_encode( array( 'base_url' => $url ) ) ),
				$urls
			)
		);

		$this->assert_refused( $changes, $urls, 'base_url' );
		$this->assertSame( 'https://api.example.com/v1', Site::admin( 'GET', '/ai-failover/v1/providers/' . self::PREFIX . '0' )['body']['base_url'] );
	}

	public function test_the_webhook_is_refused_on_every_special_address_and_with_credentials(): void {
		$urls   = array_values( Special_Address_Urls::PRIVATE + Special_Address_Urls::NEVER );
		$urls[] = 'https://user:pass@hooks.example.com/';

		$changes = Site::admin_many(
			array_map(
				static fn( string $url ): array => array( 'PATCH', '/ai-failover/v1/settings', (string) wp_json_encode( array( 'alert_webhook_url' => $url ) ) ),
				$urls
			)
		);

		$this->assert_refused( $changes, $urls, 'alert_webhook_url' );
		$this->assertSame( '', Site::admin( 'GET', '/ai-failover/v1/settings' )['body']['alert_webhook_url'], 'Nothing was saved.' );
	}

	public function test_a_name_that_resolves_to_loopback_is_refused_without_the_flag(): void {
		$host = (string) gethostname();
		if ( array( '127.0.0.1' ) !== gethostbynamel( $host ) ) {
			$this->markTestSkipped( 'This machine\'s host name does not resolve to 127.0.0.1.' );
		}
		$refused = $this->create_providers( array( 'http://' . $host . ':8080/v1' ), false )[0];

		$this->assertSame( 400, $refused['status'], $refused['raw'] );
		$this->assertStringContainsString( 'resolves to a refused address', json_decode( $refused['raw'], true )['data']['params']['base_url'] );
		$this->assertSame( 201, $this->create_providers( array( 'http://' . $host . ':8080/v1' ), true )[0]['status'] );
	}

	public function test_a_public_webhook_is_saved(): void {
		$saved = Site::admin( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => 'https://hooks.example.com/aifo' ) );

		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$this->assertSame( 'https://hooks.example.com/aifo', $saved['body']['alert_webhook_url'] );
	}

	/**
	 * @param list<array{status: int, raw: string}> $responses Responses, one per URL.
	 * @param list<string>                          $urls      URLs sent.
	 * @param string                                $field     Field the refusal names.
	 */
	private function assert_refused( array $responses, array $urls, string $field ): void {
		$failures = array();
		foreach ( $responses as $i => $response ) {
			$body = json_decode( $response['raw'], true );
			if ( 400 !== $response['status'] || 'rest_invalid_param' !== ( $body['code'] ?? '' ) || ! isset( $body['data']['params'][ $field ] ) ) {
				$failures[] = "{$urls[ $i ]}: {$response['status']} {$response['raw']}";
			}
		}
		$this->assertSame( array(), $failures, "Refused as $field with a 400 naming it." );
	}

	/**
	 * Creates one provider per URL (ids PREFIX0, PREFIX1, ...), replacing any left over.
	 *
	 * @param list<string> $urls          Base URLs.
	 * @param bool         $allow_private allow_private_network.
	 * @return list<array{status: int, raw: string}>
	 */
	private function create_providers( array $urls, bool $allow_private ): array {
		$this->delete_providers();
		$requests = array();
		foreach ( $urls as $i => $url ) {
			$requests[] = array(
				'POST',
				'/ai-failover/v1/providers',
				(string) wp_json_encode(
					array(
						'id'                    => self::PREFIX . $i,
						'label'                 => 'URL policy',
						'preset'                => 'custom',
						'base_url'              => $url,
						'allow_private_network' => $allow_private,
					)
				),
			);
		}
		return Site::admin_many( $requests );
	}

	/**
	 * @return list<string> Ids of this test's providers that are saved.
	 */
	private function saved_providers(): array {
		$ids = array_column( (array) Site::admin( 'GET', '/ai-failover/v1/providers' )['body'], 'id' );
		return array_values( array_filter( $ids, static fn( $id ): bool => str_starts_with( (string) $id, self::PREFIX ) ) );
	}

	private function delete_providers(): void {
		$deletes = array_map( static fn( string $id ): array => array( 'DELETE', '/ai-failover/v1/providers/' . $id, null ), $this->saved_providers() );
		if ( $deletes ) {
			Site::admin_many( $deletes );
		}
	}
}
