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
		return array(
			'loopback'               => array( 'http://127.0.0.1:8899/v1' ),
			'loopback range'         => array( 'http://127.8.0.1/v1' ),
			'decimal loopback'       => array( 'http://2130706433/' ),
			'hex loopback'           => array( 'http://0x7f000001/' ),
			'octal loopback'         => array( 'http://0177.0.0.1/' ),
			'short loopback'         => array( 'http://127.1/' ),
			'localhost'              => array( 'http://localhost:11434/v1' ),
			'localhost trailing dot' => array( 'http://localhost./v1' ),
			'localhost upper case'   => array( 'http://LOCALHOST/v1' ),
			'sub.localhost'          => array( 'http://api.localhost/v1' ),
			'.internal name'         => array( 'http://llm.internal/' ),
			'.home.arpa name'        => array( 'http://gpu.home.arpa/' ),
			'private 10/8'           => array( 'https://10.0.0.5/v1' ),
			'private 192.168'        => array( 'http://192.168.1.20:1234/v1' ),
			'private 172.16'         => array( 'http://172.20.0.3/v1' ),
			'this network 0/8'       => array( 'http://0.0.0.0:11434/v1' ),
			'CGNAT 100.64/10'        => array( 'http://100.64.0.1/' ),
			'benchmarking 198.18/15' => array( 'http://198.18.0.1/' ),
			'protocol assignments'   => array( 'http://192.0.0.1/' ),
			'documentation'          => array( 'http://192.0.2.10/' ),
			'IPv6 loopback'          => array( 'http://[::1]:8080/v1' ),
			'IPv6 unspecified'       => array( 'http://[::]/v1' ),
			'IPv4-mapped dotted'     => array( 'http://[::ffff:127.0.0.1]/v1' ),
			'IPv4-mapped hex'        => array( 'http://[::ffff:7f00:1]/v1' ),
			'IPv4-mapped long'       => array( 'http://[0:0:0:0:0:ffff:127.0.0.1]/v1' ),
			'IPv4-mapped private'    => array( 'http://[::ffff:10.0.0.1]/v1' ),
			'NAT64 of loopback'      => array( 'http://[64:ff9b::7f00:1]/v1' ),
			'6to4 of private'        => array( 'http://[2002:c0a8:101::1]/v1' ),
			'unique local fc00::/7'  => array( 'http://[fd12:3456::1]/v1' ),
			'IPv6 documentation'     => array( 'http://[2001:db8::1]/v1' ),
			'IPv6 site-local'        => array( 'http://[fec0::1]/v1' ),
		);
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
		return array(
			'metadata'                 => array( 'http://169.254.169.254/latest/meta-data' ),
			'metadata decimal'         => array( 'http://2852039166/latest/meta-data' ),
			'metadata hex'             => array( 'http://0xa9fea9fe/' ),
			'metadata short'           => array( 'http://169.254.43518/' ),
			'metadata IPv4-mapped'     => array( 'http://[::ffff:169.254.169.254]/' ),
			'metadata IPv4-mapped hex' => array( 'http://[::ffff:a9fe:a9fe]/' ),
			'link-local other'         => array( 'http://169.254.1.1/' ),
			'AWS IPv6 metadata'        => array( 'http://[fd00:ec2::254]/latest/meta-data' ),
			'Alibaba metadata'         => array( 'http://100.100.100.200/latest/meta-data' ),
			'GCP metadata name'        => array( 'http://metadata.google.internal/computeMetadata/v1/' ),
			'GCP metadata name dot'    => array( 'http://metadata.google.internal./computeMetadata/v1/' ),
			'IPv6 link-local'          => array( 'http://[fe80::1]/' ),
			'multicast'                => array( 'http://224.0.0.1/' ),
			'multicast top'            => array( 'http://239.255.255.250/' ),
			'IPv6 multicast'           => array( 'http://[ff02::1]/' ),
			'reserved 240/4'           => array( 'http://240.0.0.1/' ),
			'broadcast'                => array( 'http://255.255.255.255/' ),
		);
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
