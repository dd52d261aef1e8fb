<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Governance;

use AI_Failover\Governance\Access_Rule;
use AI_Failover\Governance\Client_Ip;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Who may run a feature: roles, the IP allow-list (single addresses and CIDR, IPv4 and IPv6),
 * server-side runs, and how the client address is found.
 *
 * @covers \AI_Failover\Governance\Access_Rule
 * @covers \AI_Failover\Governance\Client_Ip
 */
final class Access_Rule_Test extends TestCase {

	public function test_a_rule_without_roles_or_addresses_lets_everyone_through(): void {
		$rule = Access_Rule::from_array( array() );

		$this->assertTrue( $rule->is_open() );
		$this->assertNull( $rule->refusal( array(), null, false ) );
		$this->assertNull( Access_Rule::from_array( 'not an array' )->refusal( array(), '198.51.100.7', false ) );
	}

	public function test_only_the_listed_roles_may_run_the_feature(): void {
		$rule = Access_Rule::from_array( array( 'roles' => array( 'editor', 'premium' ) ) );

		$this->assertNull( $rule->refusal( array( 'subscriber', 'premium' ), null, false ) );
		$refusal = $rule->refusal( array( 'subscriber' ), null, false );
		$this->assertSame( Access_Rule::ROLE, $refusal['code'] ?? null );
		$this->assertStringContainsString( 'editor, premium', $refusal['reason'] ?? '' );
		$this->assertSame( Access_Rule::ROLE, $rule->refusal( array(), '203.0.113.1', false )['code'] ?? null, 'A visitor has no role.' );
	}

	/**
	 * @return array<string, array{0: string, 1: string, 2: bool}>
	 */
	public static function addresses(): array {
		return array(
			'single v4, same'              => array( '203.0.113.7', '203.0.113.7', true ),
			'single v4, other'             => array( '203.0.113.7', '203.0.113.8', false ),
			'v4 /24, inside'               => array( '203.0.113.0/24', '203.0.113.255', true ),
			'v4 /24, outside'              => array( '203.0.113.0/24', '203.0.114.0', false ),
			'v4 /0, everything'            => array( '0.0.0.0/0', '198.51.100.1', true ),
			'v4 /31 boundary'              => array( '192.0.2.4/31', '192.0.2.5', true ),
			'v4 /31 just past'             => array( '192.0.2.4/31', '192.0.2.6', false ),
			'v4 /32 is one address'        => array( '192.0.2.9/32', '192.0.2.9', true ),
			'v4 /27 odd prefix, inside'    => array( '10.0.0.32/27', '10.0.0.63', true ),
			'v4 /27 odd prefix, outside'   => array( '10.0.0.32/27', '10.0.0.64', false ),
			'v6 single, other spelling'    => array( '2001:db8::1', '2001:0db8:0:0:0:0:0:1', true ),
			'v6 /32, inside'               => array( '2001:db8::/32', '2001:db8:ffff::1', true ),
			'v6 /32, outside'              => array( '2001:db8::/32', '2001:db9::1', false ),
			'v6 /127 odd prefix'           => array( 'fe80::/127', 'fe80::1', true ),
			'v6 /127 just past'            => array( 'fe80::/127', 'fe80::2', false ),
			'v4-mapped client, v4 entry'   => array( '203.0.113.0/24', '::ffff:203.0.113.9', true ),
			'v4 entry never matches v6'    => array( '0.0.0.0/0', '2001:db8::1', false ),
			'v6 entry never matches v4'    => array( '::/0', '192.0.2.1', false ),
			'a client that is no address'  => array( '0.0.0.0/0', 'localhost', false ),
			'inet_aton short form refused' => array( '127.0.0.1', '127.1', false ),
		);
	}

	/**
	 * @dataProvider addresses
	 *
	 * @param string $entry  Allow-list entry.
	 * @param string $client Client address.
	 * @param bool   $allows Expected.
	 */
	public function test_the_allow_list_matches_addresses_and_blocks_of_both_families( string $entry, string $client, bool $allows ): void {
		$rule = new Access_Rule( array(), array( $entry ) );

		$this->assertSame( $allows, $rule->allows_ip( $client ) );
		$refusal = $rule->refusal( array(), $client, false );
		$this->assertSame( $allows ? null : Access_Rule::IP, $refusal['code'] ?? null );
	}

	public function test_a_request_without_a_client_address_is_refused_by_an_allow_list(): void {
		$refusal = ( new Access_Rule( array(), array( '0.0.0.0/0', '::/0' ) ) )->refusal( array(), null, false );

		$this->assertSame( Access_Rule::IP, $refusal['code'] ?? null );
		$this->assertStringContainsString( 'no client address', $refusal['reason'] ?? '' );
	}

	public function test_both_checks_apply_the_role_first(): void {
		$rule = new Access_Rule( array( 'editor' ), array( '192.0.2.0/24' ) );

		$this->assertNull( $rule->refusal( array( 'editor' ), '192.0.2.10', false ) );
		$this->assertSame( Access_Rule::IP, $rule->refusal( array( 'editor' ), '198.51.100.1', false )['code'] ?? null );
		$this->assertSame( Access_Rule::ROLE, $rule->refusal( array( 'author' ), '192.0.2.10', false )['code'] ?? null );
	}

	public function test_server_side_runs_pass_unless_the_feature_says_otherwise(): void {
		$this->assertNull( ( new Access_Rule( array( 'editor' ), array( '192.0.2.1' ) ) )->refusal( array(), null, true ) );
		$refusal = ( new Access_Rule( array( 'editor' ), array(), false ) )->refusal( array(), null, true );
		$this->assertSame( Access_Rule::SERVER, $refusal['code'] ?? null );
		$this->assertNull( ( new Access_Rule( array(), array(), false ) )->refusal( array(), null, true ), 'An open rule has nothing to refuse.' );
	}

	/**
	 * @return array<string, array{0: string, 1: bool}>
	 */
	public static function entries(): array {
		return array(
			'v4'                => array( '192.0.2.1', true ),
			'v4 block'          => array( '192.0.2.0/24', true ),
			'v6'                => array( '::1', true ),
			'v6 block'          => array( '2001:db8::/48', true ),
			'v4 prefix too big' => array( '192.0.2.0/33', false ),
			'v6 prefix too big' => array( '2001:db8::/129', false ),
			'octet over 255'    => array( '256.0.0.1', false ),
			'short form'        => array( '10.1', false ),
			'empty prefix'      => array( '10.0.0.0/', false ),
			'signed prefix'     => array( '10.0.0.0/+8', false ),
			'a name'            => array( 'example.com', false ),
			'two slashes'       => array( '10.0.0.0/8/8', false ),
		);
	}

	/**
	 * @dataProvider entries
	 *
	 * @param string $entry Entry.
	 * @param bool   $valid Expected.
	 */
	public function test_an_allow_list_entry_must_be_an_address_or_a_block( string $entry, bool $valid ): void {
		$problem = Access_Rule::entry_problem( $entry );

		$this->assertSame( $valid, null === $problem, (string) $problem );
		if ( ! $valid ) {
			$this->assertStringContainsString( $entry, (string) $problem );
		}
	}

	public function test_the_client_address_is_remote_addr_and_a_forwarded_header_is_ignored_by_default(): void {
		$server = array(
			'REMOTE_ADDR'          => '198.51.100.20',
			'HTTP_X_FORWARDED_FOR' => '192.0.2.1',
		);

		$this->assertSame( '198.51.100.20', ( new Client_Ip() )->of( $server ) );
		$this->assertNull( ( new Client_Ip() )->of( array() ), 'The CLI has no client address.' );
		$this->assertNull( ( new Client_Ip() )->of( array( 'REMOTE_ADDR' => 'unix:' ) ) );
	}

	public function test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client(): void {
		$ip = new Client_Ip( array( '10.0.0.0/8', 'fd00::/8' ) );

		// The client wrote "192.0.2.1" itself: only what our proxies appended counts.
		$this->assertSame(
			'203.0.113.5',
			$ip->of(
				array(
					'REMOTE_ADDR'          => '10.0.0.2',
					'HTTP_X_FORWARDED_FOR' => '192.0.2.1, 203.0.113.5, 10.0.0.9',
				)
			)
		);
		$this->assertSame( '2001:db8::5', $ip->of( array( 'REMOTE_ADDR' => 'fd00::1', 'HTTP_X_FORWARDED_FOR' => '2001:db8::5' ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- short fixture.
		$this->assertSame( '198.51.100.20', $ip->of( array( 'REMOTE_ADDR' => '198.51.100.20', 'HTTP_X_FORWARDED_FOR' => '192.0.2.1' ) ), 'A direct connection cannot claim another address.' ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- short fixture.
		$this->assertSame( '10.0.0.3', $ip->of( array( 'REMOTE_ADDR' => '10.0.0.2', 'HTTP_X_FORWARDED_FOR' => 'junk, 10.0.0.3' ) ), 'A hop that is no address stops the walk at the last trusted one.' ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing.AssociativeArrayFound -- short fixture.
	}
}
