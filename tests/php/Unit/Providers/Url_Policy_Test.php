<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Providers\Url_Policy;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Providers\Url_Policy
 */
final class Url_Policy_Test extends TestCase {

	/**
	 * @dataProvider private_urls
	 */
	public function test_private_addresses_need_the_flag( string $url ): void {
		$this->assertNotNull( Url_Policy::problem( $url, false ), "$url must be refused without the flag" );
		$this->assertNull( Url_Policy::problem( $url, true ), "$url is allowed with the flag" );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function private_urls(): array {
		return array(
			'loopback'        => array( 'http://127.0.0.1:8899/v1' ),
			'loopback range'  => array( 'http://127.8.0.1/v1' ),
			'localhost'       => array( 'http://localhost:11434/v1' ),
			'private 10/8'    => array( 'https://10.0.0.5/v1' ),
			'private 192.168' => array( 'http://192.168.1.20:1234/v1' ),
			'private 172.16'  => array( 'http://172.20.0.3/v1' ),
			'link-local'      => array( 'http://169.254.169.254/latest/meta-data' ),
			'IPv6 loopback'   => array( 'http://[::1]:8080/v1' ),
			'IPv4-mapped'     => array( 'http://[::ffff:127.0.0.1]/v1' ),
			'.internal name'  => array( 'http://metadata.google.internal/' ),
		);
	}

	public function test_public_urls_pass_and_malformed_ones_do_not(): void {
		$this->assertNull( Url_Policy::problem( 'https://api.openai.com/v1', false ) );
		$this->assertNull( Url_Policy::problem( 'https://93.184.216.34/v1', false ) );
		$this->assertNull( Url_Policy::problem( 'simulator://local', false ) );
		$this->assertNotNull( Url_Policy::problem( 'ftp://api.openai.com', true ) );
		$this->assertNotNull( Url_Policy::problem( 'not a url', true ) );
		$this->assertNotNull( Url_Policy::problem( 'https://user:pass@api.example.com/v1', true ), 'Credentials belong in keys.' );
	}
}
