<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Providers\Ip_Address;
use AI_Failover\Providers\Special_Addresses;
use AI_Failover\Providers\Url_Policy;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Providers\Url_Policy
 * @covers \AI_Failover\Providers\Ip_Address
 * @covers \AI_Failover\Providers\Special_Addresses
 */
final class Url_Policy_Test extends TestCase {

	/**
	 * @dataProvider notations
	 */
	public function test_every_ip_notation_reads_as_the_address_it_reaches( string $host, string $address ): void {
		$this->assertSame( $address, Ip_Address::parse( $host ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function notations(): array {
		return array(
			'dotted'                  => array( '127.0.0.1', '127.0.0.1' ),
			'decimal'                 => array( '2130706433', '127.0.0.1' ),
			'hex'                     => array( '0x7f000001', '127.0.0.1' ), // phpcs:ignore PHPCompatibility.Miscellaneous.ValidIntegers.HexNumericStringFound -- a host, not a number.
			'hex upper case'          => array( '0X7F000001', '127.0.0.1' ), // phpcs:ignore PHPCompatibility.Miscellaneous.ValidIntegers.HexNumericStringFound -- a host, not a number.
			'octal'                   => array( '0177.0.0.1', '127.0.0.1' ),
			'octal every part'        => array( '0177.00.00.01', '127.0.0.1' ),
			'short a.b'               => array( '127.1', '127.0.0.1' ),
			'short a.b.c'             => array( '10.1.258', '10.1.1.2' ),
			'mixed hex and decimal'   => array( '0x7f.1', '127.0.0.1' ),
			'trailing dot'            => array( '127.0.0.1.', '127.0.0.1' ),
			'zero'                    => array( '0', '0.0.0.0' ),
			'metadata as decimal'     => array( '2852039166', '169.254.169.254' ),
			'metadata as hex'         => array( '0xa9fea9fe', '169.254.169.254' ), // phpcs:ignore PHPCompatibility.Miscellaneous.ValidIntegers.HexNumericStringFound -- a host, not a number.
			'IPv6 loopback'           => array( '[::1]', '::1' ),
			'IPv6 long loopback'      => array( '[0:0:0:0:0:0:0:1]', '::1' ),
			'IPv4-mapped hex'         => array( '[::ffff:7f00:1]', '::ffff:127.0.0.1' ),
			'IPv4-mapped long dotted' => array( '[0:0:0:0:0:ffff:127.0.0.1]', '::ffff:127.0.0.1' ),
			'IPv6 with zone'          => array( '[fe80::1%25eth0]', 'fe80::1' ),
			'IPv6 upper case'         => array( '[FD00:EC2::254]', 'fd00:ec2::254' ),
		);
	}

	public function test_names_are_names_and_numeric_garbage_is_malformed(): void {
		$this->assertNull( Ip_Address::parse( 'api.openai.com' ) );
		$this->assertNull( Ip_Address::parse( 'localhost.' ) );
		$this->assertNull( Ip_Address::parse( '1.2.3.example' ) );
		foreach ( array( '1.2.3.4.5', '256.1.1.1', '127.0.0.08', '4294967296', '127.0.0.256', '1.16777216', '[::1::2]', '[::gg]' ) as $host ) {
			$this->assertSame( Ip_Address::MALFORMED, Ip_Address::parse( $host ), $host );
			$this->assertNotNull( Url_Policy::problem( 'http://' . $host . '/v1', true ), "$host is refused even with the flag" );
		}
	}

	/**
	 * @dataProvider private_urls
	 */
	public function test_private_addresses_in_any_notation_need_the_flag( string $url ): void {
		$this->assertNotNull( Url_Policy::problem( $url, false ), "$url must be refused without the flag" );
		$this->assertNull( Url_Policy::problem( $url, true ), "$url is allowed with the flag" );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function private_urls(): array {
		return array_map( static fn( string $url ): array => array( $url ), Special_Address_Urls::PRIVATE );
	}

	/**
	 * @dataProvider never_urls
	 */
	public function test_link_local_metadata_multicast_and_reserved_are_refused_even_with_the_flag( string $url ): void {
		$problem = Url_Policy::problem( $url, true );
		$this->assertNotNull( $problem, "$url must be refused even with the flag" );
		$this->assertStringContainsString( 'never calls', (string) $problem );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function never_urls(): array {
		return array_map( static fn( string $url ): array => array( $url ), Special_Address_Urls::NEVER );
	}

	public function test_block_edges(): void {
		$this->assertNull( Special_Addresses::verdict( '100.63.255.255' ) );
		$this->assertSame( Special_Addresses::PRIVATE, Special_Addresses::verdict( '100.127.255.255' )[0] ?? null );
		$this->assertNull( Special_Addresses::verdict( '100.128.0.0' ) );
		$this->assertNull( Special_Addresses::verdict( '198.17.255.255' ) );
		$this->assertSame( Special_Addresses::PRIVATE, Special_Addresses::verdict( '198.19.255.255' )[0] ?? null );
		$this->assertNull( Special_Addresses::verdict( '198.20.0.0' ) );
		$this->assertNull( Special_Addresses::verdict( '172.32.0.1' ) );
		$this->assertNull( Special_Addresses::verdict( '223.255.255.255' ) );
		$this->assertNull( Special_Addresses::verdict( '::ffff:8.8.8.8' ), 'A mapped public address is public.' );
		$this->assertNull( Special_Addresses::verdict( '2606:4700::1111' ) );
		$this->assertNull( Special_Addresses::verdict( 'fbff::1' ) );
		$this->assertSame( Special_Addresses::NEVER, Special_Addresses::verdict( 'febf::1' )[0] ?? null );
	}

	public function test_public_urls_pass_and_malformed_ones_do_not(): void {
		$this->assertNull( Url_Policy::problem( 'https://api.openai.com/v1', false ) );
		$this->assertNull( Url_Policy::problem( 'https://93.184.216.34/v1', false ) );
		$this->assertNull( Url_Policy::problem( 'https://[2606:4700::1111]/v1', false ) );
		$this->assertNull( Url_Policy::problem( 'https://api.openai.com./v1', false ) );
		$this->assertNull( Url_Policy::problem( 'simulator://local', false ) );
		$this->assertNotNull( Url_Policy::problem( 'ftp://api.openai.com', true ) );
		$this->assertNotNull( Url_Policy::problem( 'not a url', true ) );
		$this->assertNotNull( Url_Policy::problem( 'https://user:pass@api.example.com/v1', true ), 'Credentials belong in keys.' );
		$this->assertNotNull( Url_Policy::problem( 'http://127.0.0.1%2e/v1', true ), 'Percent-encoded hosts are not guessed at.' );
	}
}
