<?php
/**
 * The URL policy applied to what a name resolves to, at save time and on every call.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

use AI_Failover\Contracts\Host_Resolver;
use AI_Failover\Providers\Ip_Address;
use AI_Failover\Providers\Url_Policy;

/**
 * Url_Policy judges a URL as written; this resolves its host and judges every address of the
 * answer, so a public-looking name that points at 127.0.0.1 or a metadata address is refused.
 *
 * On a call the check runs inside WordPress's HTTP API: last on `pre_http_request` (so a test's
 * or a site's own short-circuit still wins, and a refusal comes back as the HTTP API's WP_Error),
 * then the judged addresses are pinned on the cURL handle with CURLOPT_RESOLVE in `http_api_curl`:
 * cURL connects to exactly what was judged and cannot be sent elsewhere by a second DNS answer
 * (rebinding). The Host header, SNI and certificate checks still use the name. Without cURL (the
 * streams transport) nothing can be pinned; the check still runs, one lookup before the call.
 * Through the site's HTTP proxy a name this server cannot resolve is left to the proxy.
 *
 * @since 0.2.0
 */
final class Destination_Guard {

	/** Start of the WP_Error message of a refused call (WP_Http_Transport maps it to "blocked"). */
	public const REFUSED_PREFIX = 'Blocked by the URL policy: ';

	/**
	 * The request in flight: its flag, and the pin once judged.
	 *
	 * @var array{allow_private: bool, pin: list<string>}|null
	 */
	private ?array $current = null;

	public function __construct( private readonly Host_Resolver $resolver ) {
	}

	/**
	 * Save time: what the policy refuses as written, or a name whose current answer it refuses.
	 * A name that does not resolve now passes (it is judged again, and must resolve, on each call).
	 *
	 * @param string $url                   URL.
	 * @param bool   $allow_private_network Flag.
	 */
	public function problem_at_save( string $url, bool $allow_private_network ): ?string {
		$judged = $this->judge( $url, $allow_private_network );
		return is_string( $judged ) ? $judged : null;
	}

	/**
	 * Runs one HTTP API call under the policy.
	 *
	 * @template T
	 * @param bool          $allow_private_network The request's flag.
	 * @param callable(): T $call                  The wp_remote_* call.
	 * @return T
	 */
	public function around( bool $allow_private_network, callable $call ): mixed {
		$this->current = array(
			'allow_private' => $allow_private_network,
			'pin'           => array(),
		);
		add_filter( 'pre_http_request', array( $this, 'check_call' ), PHP_INT_MAX, 3 );
		add_action( 'http_api_curl', array( $this, 'pin' ) );
		try {
			return $call();
		} finally {
			remove_filter( 'pre_http_request', array( $this, 'check_call' ), PHP_INT_MAX );
			remove_action( 'http_api_curl', array( $this, 'pin' ), 10 );
			$this->current = null;
		}
	}

	/**
	 * `pre_http_request`, last: refuses the call or remembers the addresses to pin.
	 *
	 * @param false|array<string, mixed>|\WP_Error $preempt Another filter's answer, or false.
	 * @param array<string, mixed>                 $args    Request arguments.
	 * @param string                               $url     URL.
	 * @return false|array<string, mixed>|\WP_Error
	 */
	public function check_call( $preempt, $args, $url ) {
		if ( false !== $preempt || null === $this->current ) {
			return $preempt;
		}
		$judged = $this->judge( (string) $url, $this->current['allow_private'] );
		if ( is_array( $judged ) && null === $judged['addresses'] && self::through_proxy( (string) $url ) ) {
			// The site's HTTP proxy resolves the name; nothing here to pin.
			return $preempt;
		}
		if ( is_array( $judged ) && null === $judged['addresses'] ) {
			/* translators: %s: Host name. */
			$judged = sprintf( __( 'The host name %s does not resolve.', 'ai-failover' ), $judged['host'] );
		}
		if ( is_string( $judged ) ) {
			return new \WP_Error( 'http_request_failed', self::REFUSED_PREFIX . $judged );
		}
		$this->current['pin'] = self::resolve_entries( $judged['host'], $judged['port'], $judged['addresses'] );
		return $preempt;
	}

	/**
	 * `http_api_curl`: pins the judged addresses.
	 *
	 * @param mixed $handle cURL handle.
	 */
	public function pin( $handle ): void {
		if ( null !== $this->current && $this->current['pin'] && $handle instanceof \CurlHandle ) {
			curl_setopt( $handle, CURLOPT_RESOLVE, $this->current['pin'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
		}
	}

	/**
	 * The policy's verdict; for a name, the verdict on every address it resolves to.
	 *
	 * @param string $url                   URL.
	 * @param bool   $allow_private_network Flag.
	 * @return string|array{host: string, port: int, addresses: list<string>|null} Refusal, or the
	 *         host and its judged addresses (empty for an IP literal, null for a name with no answer).
	 */
	private function judge( string $url, bool $allow_private_network ): string|array {
		$problem = Url_Policy::problem( $url, $allow_private_network );
		if ( null !== $problem ) {
			return $problem;
		}
		$parts = Url_Policy::parts( $url );
		if ( is_string( $parts ) ) {
			// The Simulator's simulator:// base URL, which the policy lets through, is never fetched.
			return str_starts_with( $url, 'simulator://' ) ? array(
				'host'      => '',
				'port'      => 0,
				'addresses' => array(),
			) : $parts;
		}
		$host = Ip_Address::clean_host( $parts['host'] );
		if ( null !== Ip_Address::parse( $host ) ) {
			return array(
				'host'      => $host,
				'port'      => $parts['port'],
				'addresses' => array(),
			);
		}
		$addresses = $this->resolver->addresses( $host );
		foreach ( $addresses as $address ) {
			$problem = Url_Policy::address_problem( $address, $allow_private_network );
			if ( null !== $problem ) {
				/* translators: 1: Host name, 2: Why its address is refused. */
				return sprintf( __( '%1$s resolves to a refused address. %2$s', 'ai-failover' ), $host, $problem );
			}
		}
		return array(
			'host'      => $host,
			'port'      => $parts['port'],
			'addresses' => $addresses ? $addresses : null,
		);
	}

	/**
	 * Whether WordPress sends this URL through its configured proxy (WP_PROXY_HOST).
	 *
	 * @param string $url URL.
	 */
	private static function through_proxy( string $url ): bool {
		$proxy = new \WP_HTTP_Proxy();
		return $proxy->is_enabled() && $proxy->send_through_proxy( $url );
	}

	/**
	 * CURLOPT_RESOLVE entries: "host:port:addr[,addr]", for the name as written with and without
	 * its trailing dot (cURL may use either).
	 *
	 * @param string       $host      Name, without trailing dot.
	 * @param int          $port      Port.
	 * @param list<string> $addresses Judged addresses (empty for an IP literal: nothing to pin).
	 * @return list<string>
	 */
	private static function resolve_entries( string $host, int $port, array $addresses ): array {
		if ( ! $addresses ) {
			return array();
		}
		$list = implode( ',', array_map( static fn( string $a ) => str_contains( $a, ':' ) ? '[' . $a . ']' : $a, $addresses ) );
		return array( $host . ':' . $port . ':' . $list, $host . '.:' . $port . ':' . $list );
	}
}
