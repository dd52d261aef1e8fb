<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Provider base URLs and the alert webhook are refused by the same URL policy, over real HTTP
 * against the rig's site: status 400, code rest_invalid_param, the field named in data.params,
 * and nothing saved.
 *
 * @covers \AI_Failover\REST\Providers_Controller
 * @covers \AI_Failover\REST\Settings_Controller
 * @covers \AI_Failover\Http\Destination_Guard
 */
final class Url_Refusal_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const PROVIDER = 'url-policy-http';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
	}

	protected function tear_down(): void {
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		$this->http( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => '' ) );
		parent::tear_down();
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function private_hosts(): array {
		return array(
			'decimal'          => array( 'http://2130706433/v1' ),
			'hex'              => array( 'http://0x7f000001/v1' ),
			'octal'            => array( 'http://0177.0.0.1/v1' ),
			'short'            => array( 'http://127.1/v1' ),
			'localhost.'       => array( 'http://localhost./v1' ),
			'IPv4-mapped hex'  => array( 'http://[::ffff:7f00:1]/v1' ),
			'IPv4-mapped long' => array( 'http://[0:0:0:0:0:ffff:127.0.0.1]/v1' ),
			'CGNAT'            => array( 'http://100.64.0.1/v1' ),
			'benchmarking'     => array( 'http://198.18.0.1/v1' ),
			'IPv6 loopback'    => array( 'http://[::1]/v1' ),
			'private 10/8'     => array( 'http://10.0.0.1/v1' ),
		);
	}

	/**
	 * @dataProvider private_hosts
	 */
	public function test_a_private_base_url_in_any_notation_is_refused_without_the_flag( string $url ): void {
		$refused = $this->create_provider( $url, false );

		$this->assertSame( 400, $refused['status'], $refused['raw'] );
		$this->assertSame( 'rest_invalid_param', $refused['body']['code'] );
		$this->assertArrayHasKey( 'base_url', $refused['body']['data']['params'] );
		$this->assertSame( 404, $this->http( 'GET', '/ai-failover/v1/providers/' . self::PROVIDER )['status'], 'Nothing was saved.' );
		$this->assertSame( 201, $this->create_provider( $url, true )['status'], 'Allowed with the flag.' );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function never_hosts(): array {
		return array(
			'metadata'         => array( 'http://169.254.169.254/latest/meta-data' ),
			'metadata decimal' => array( 'http://2852039166/latest/meta-data' ),
			'AWS IPv6'         => array( 'http://[fd00:ec2::254]/latest/meta-data' ),
			'multicast'        => array( 'http://224.0.0.1/v1' ),
			'reserved'         => array( 'http://240.0.0.1/v1' ),
		);
	}

	/**
	 * @dataProvider never_hosts
	 */
	public function test_metadata_and_unroutable_base_urls_are_refused_even_with_the_flag( string $url ): void {
		$refused = $this->create_provider( $url, true );

		$this->assertSame( 400, $refused['status'], $refused['raw'] );
		$this->assertSame( 'rest_invalid_param', $refused['body']['code'] );
		$this->assertArrayHasKey( 'base_url', $refused['body']['data']['params'] );
	}

	public function test_a_name_that_resolves_to_loopback_is_refused_without_the_flag(): void {
		$host = (string) gethostname();
		if ( array( '127.0.0.1' ) !== gethostbynamel( $host ) ) {
			$this->markTestSkipped( 'This machine\'s host name does not resolve to 127.0.0.1.' );
		}
		$refused = $this->create_provider( 'http://' . $host . ':8080/v1', false );

		$this->assertSame( 400, $refused['status'], $refused['raw'] );
		$this->assertStringContainsString( 'resolves to a refused address', $refused['body']['data']['params']['base_url'] );
		$this->assertSame( 201, $this->create_provider( 'http://' . $host . ':8080/v1', true )['status'] );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function refused_webhooks(): array {
		return array(
			'metadata'      => array( 'http://169.254.169.254/latest/meta-data' ),
			'private'       => array( 'http://10.0.0.1/' ),
			'IPv6 loopback' => array( 'http://[::1]/' ),
			'decimal'       => array( 'http://2130706433/' ),
			'localhost.'    => array( 'http://localhost./hook' ),
			'credentials'   => array( 'https://user:pass@hooks.example.com/' ),
		);
	}

	/**
	 * @dataProvider refused_webhooks
	 */
	public function test_the_webhook_url_goes_through_the_same_policy( string $url ): void {
		$refused = $this->http( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => $url ) );

		$this->assertSame( 400, $refused['status'], $refused['raw'] );
		$this->assertSame( 'rest_invalid_param', $refused['body']['code'] );
		$this->assertArrayHasKey( 'alert_webhook_url', $refused['body']['data']['params'] );
		$this->assertSame( '', $this->http( 'GET', '/ai-failover/v1/settings' )['body']['alert_webhook_url'], 'Nothing was saved.' );
	}

	public function test_a_public_webhook_is_saved(): void {
		$saved = $this->http( 'PATCH', '/ai-failover/v1/settings', array( 'alert_webhook_url' => 'https://hooks.example.com/aifo' ) );

		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$this->assertSame( 'https://hooks.example.com/aifo', $saved['body']['alert_webhook_url'] );
	}

	/**
	 * @return array{status: int, body: mixed, raw: string, headers: array<string, string>}
	 */
	private function create_provider( string $url, bool $allow_private ): array {
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		return $this->http(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => self::PROVIDER,
				'label'                 => 'URL policy',
				'preset'                => 'custom',
				'base_url'              => $url,
				'allow_private_network' => $allow_private,
			)
		);
	}
}
