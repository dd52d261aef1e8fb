<?php
/**
 * Who may run a feature, and from where.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Providers\Ip_Address;

/**
 * A feature's `access` object as a rule: the roles that may run it (none listed: anyone the
 * caller's own check lets through) and the client addresses it may be run from (single IPs and
 * CIDR blocks, IPv4 and IPv6; none listed: anywhere). Runs without a visitor (WP-Cron, WP-CLI)
 * have neither a user nor a client address: `allow_server_runs` says whether they pass.
 * Pure PHP: the WordPress side (Access_Guard) supplies the caller's roles and address.
 *
 * @since n.e.x.t
 */
final class Access_Rule {

	/** A refusal because of the caller's role. */
	public const ROLE = 'role';

	/** A refusal because of the caller's address. */
	public const IP = 'ip';

	/** A refusal of a run without a visitor. */
	public const SERVER = 'server';

	/**
	 * @param list<string> $roles             Role slugs that may run the feature; empty: any.
	 * @param list<string> $ip_allow          Addresses and CIDR blocks; empty: any.
	 * @param bool         $allow_server_runs Whether WP-Cron and WP-CLI runs pass.
	 */
	public function __construct(
		public readonly array $roles = array(),
		public readonly array $ip_allow = array(),
		public readonly bool $allow_server_runs = true,
	) {
	}

	/**
	 * From the feature schema's `access` object (anything else: an open rule).
	 *
	 * @param mixed $access Access object.
	 */
	public static function from_array( mixed $access ): self {
		$access = is_array( $access ) ? $access : array();
		$list   = static fn( $value ): array => array_values( array_filter( array_map( 'strval', is_array( $value ) ? $value : array() ), static fn( string $item ): bool => '' !== trim( $item ) ) );
		return new self( $list( $access['roles'] ?? array() ), array_map( 'trim', $list( $access['ip_allow'] ?? array() ) ), ! isset( $access['allow_server_runs'] ) || (bool) $access['allow_server_runs'] );
	}

	/**
	 * Whether the rule lets everyone through (the common case: nothing more to look up).
	 */
	public function is_open(): bool {
		return ! $this->roles && ! $this->ip_allow;
	}

	/**
	 * Why this caller may not run the feature, or null when it may.
	 *
	 * @param list<string> $user_roles  The current user's roles (empty for a visitor).
	 * @param string|null  $client_ip   The client's address (null when there is none).
	 * @param bool         $server_side A run without a visitor (WP-Cron, WP-CLI).
	 * @return array{code: string, reason: string}|null
	 */
	public function refusal( array $user_roles, ?string $client_ip, bool $server_side ): ?array {
		if ( $this->is_open() ) {
			return null;
		}
		if ( $server_side ) {
			return $this->allow_server_runs ? null : array(
				'code'   => self::SERVER,
				'reason' => __( 'This feature may only be run on behalf of a visitor: scheduled and command-line runs are not allowed.', 'ai-failover' ),
			);
		}
		if ( $this->roles && ! array_intersect( $this->roles, $user_roles ) ) {
			return array(
				'code'   => self::ROLE,
				'reason' => sprintf(
					/* translators: %s: Comma-separated role slugs. */
					__( 'Only these roles may run this feature: %s.', 'ai-failover' ),
					implode( ', ', $this->roles )
				),
			);
		}
		if ( $this->ip_allow && ( null === $client_ip || ! $this->allows_ip( $client_ip ) ) ) {
			return array(
				'code'   => self::IP,
				'reason' => null === $client_ip
					? __( 'This feature may only be run from listed addresses, and the request has no client address.', 'ai-failover' )
					/* translators: %s: IP address. */
					: sprintf( __( 'This feature may not be run from %s: the address is not on its allow-list.', 'ai-failover' ), $client_ip ),
			);
		}
		return null;
	}

	/**
	 * Whether an address matches an entry of the allow-list. An IPv4 address written as
	 * IPv4-mapped IPv6 (::ffff:192.0.2.1, what a dual-stack socket reports) matches its IPv4 entries.
	 *
	 * @param string $client_ip Address.
	 */
	public function allows_ip( string $client_ip ): bool {
		$address = self::canonical( $client_ip );
		if ( null === $address ) {
			return false;
		}
		foreach ( $this->ip_allow as $entry ) {
			$block = self::block( $entry );
			if ( null !== $block && Ip_Address::in_block( $address, $block ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Why an allow-list entry is not a single address or CIDR block, or null when it is one.
	 *
	 * @param string $entry Entry.
	 */
	public static function entry_problem( string $entry ): ?string {
		if ( null !== self::block( $entry ) ) {
			return null;
		}
		/* translators: %s: The entry as typed. */
		return sprintf( __( '"%s" is not an IP address or a CIDR block such as 203.0.113.0/24 or 2001:db8::/32.', 'ai-failover' ), $entry );
	}

	/**
	 * The entry as "network/bits" with a canonical network, or null when it is not one. Only
	 * the standard notations (no inet_aton forms like 127.1), and a prefix within the family.
	 *
	 * @param string $entry Entry.
	 */
	private static function block( string $entry ): ?string {
		list( $network, $bits ) = array_pad( explode( '/', trim( $entry ), 2 ), 2, null );
		$network                = self::canonical( (string) $network );
		if ( null === $network ) {
			return null;
		}
		$max = str_contains( $network, ':' ) ? 128 : 32;
		if ( null === $bits ) {
			return $network . '/' . $max;
		}
		if ( ! preg_match( '/^\d{1,3}$/', $bits ) || (int) $bits > $max ) {
			return null;
		}
		return $network . '/' . (int) $bits;
	}

	/**
	 * A standard-notation address in canonical form (IPv4-mapped IPv6 as IPv4), or null.
	 *
	 * @param string $address Address.
	 */
	private static function canonical( string $address ): ?string {
		$address = trim( $address );
		if ( ! filter_var( $address, FILTER_VALIDATE_IP ) ) {
			return null;
		}
		$bytes = (string) inet_pton( $address );
		if ( 16 === strlen( $bytes ) && str_repeat( "\0", 10 ) . "\xff\xff" === substr( $bytes, 0, 12 ) ) {
			return (string) inet_ntop( substr( $bytes, 12 ) );
		}
		return (string) inet_ntop( $bytes );
	}
}
